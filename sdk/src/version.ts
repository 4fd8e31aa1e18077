/** This SDK's version; plugins declare the range they were built for. A test keeps it equal to package.json. */
export const SDK_VERSION = '1.0.0';
