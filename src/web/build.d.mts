/** Builds every page of the web app into src/web/dist; resolves with that directory. */
export function buildWeb(options?: { quiet?: boolean }): Promise<string>
