/** Console, incident detail, dispatch board and conflicts: Chinese and English strings (namespace `ops`). */
export const opsZh = {}
export const opsEn: typeof opsZh = {}
