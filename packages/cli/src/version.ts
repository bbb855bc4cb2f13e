/** This package's version (kept in step with package.json by the release; a test checks it). */
export const VERSION = '0.1.0';
