// The package name and version sent in User-Agent (a test keeps them equal to package.json).
export const PACKAGE_NAME = 'huaweicloud-openapi';
export const PACKAGE_VERSION = '0.3.0';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
