/** Dashboard, map, wall and screen settings: Chinese and English strings (namespace `situation`). */
export const situationZh = {}
export const situationEn: typeof situationZh = {}
