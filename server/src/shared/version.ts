/** The version the server reports and the CLI prints (kept apart so the CLI does not load the LSP library). */
export const SERVER_VERSION = '0.1.0';
