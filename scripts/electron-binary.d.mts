/** The installed Electron executable, or null when it was never downloaded. */
export declare function electronBinary(): string | null
