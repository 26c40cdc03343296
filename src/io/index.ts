export {
  contentTypeCharset,
  type Decoded,
  decodeBytes,
  encodingForLabel,
  guessArabicSingleByte,
} from './decode.js';
export { estimatePublished, type PublishedEstimate } from './estimate.js';
export { type HtmlContent, htmlToText, isBoilerplateLine, parseLooseDate } from './html.js';
export { arabicShare, notArabicReason } from './lang.js';
export { extractPage, MAX_NESTING, nestingDepth, type PageContent } from './page.js';
export {
  inputStream,
  notTextReason,
  type ReadOptions,
  readInputs,
  readInputsEach,
  SUPPORTED_EXTENSIONS,
} from './read.js';
export {
  articleFromText,
  formatProblem,
  hasArabicLetters,
  parseJsonFile,
  parseJsonl,
  parsePublishedDate,
  truncateText,
  webUrl,
} from './records.js';
export {
  type Article,
  DEFAULT_MAX_BYTES,
  type InputProblem,
  MAX_ARTICLE_CHARS,
  MAX_ID_CHARS,
  type ReadResult,
  type Severity,
} from './types.js';
