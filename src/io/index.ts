export { type Decoded, decodeBytes, encodingForLabel } from './decode.js';
export { type HtmlContent, htmlToText } from './html.js';
export { type ReadOptions, readInputs, SUPPORTED_EXTENSIONS } from './read.js';
export {
  articleFromText,
  formatProblem,
  hasArabicLetters,
  parseJsonFile,
  parseJsonl,
  parsePublishedDate,
  truncateText,
} from './records.js';
export {
  type Article,
  DEFAULT_MAX_BYTES,
  type InputProblem,
  MAX_ARTICLE_CHARS,
  type ReadResult,
  type Severity,
} from './types.js';
