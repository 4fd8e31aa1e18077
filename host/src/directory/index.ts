export { Directory, type DirectoryOptions, type DirectoryLog } from './directory.js';
export { OPERATOR, type Actor } from './actor.js';
export { HOST_PLUGIN, withHostEntitlements, type Catalog } from './catalog.js';
export { DIRECTORY_CHANGED, type DirectoryChange, type ChangeMessage } from './changes.js';
export { patternMatches, patternProblem } from './patterns.js';
export { pluginView } from './plugin-view.js';
