/**
 * The JSON API's version (semver). The major version is in the path (`/api/v1/...`); every response
 * carries the full version in `API-Version`, and the OpenAPI description states it. Raise the minor
 * for additions, the patch for fixes, and note each change in the README's API changelog.
 */
export const API_VERSION = '1.0.0';
export const API_MAJOR = `v${API_VERSION.split('.')[0]}`;
