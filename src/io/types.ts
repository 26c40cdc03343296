/** One news article as read from the input. `text` is what the extractor works on (offsets refer to it). */
export interface Article {
  id: string;
  /** Publication date as 'YYYY-MM-DD', or null when unknown. */
  published: string | null;
  text: string;
  url?: string | null;
  title?: string | null;
  outlet?: string | null;
  /**
   * True when `published` was not given by the source but estimated from the text (dates in it,
   * "اليوم" + weekday); see estimatePublished(). Relative dates resolve against the estimate.
   */
  published_estimated?: boolean;
}

export type Severity = 'error' | 'warning' | 'note';

/**
 * Something wrong (or worth knowing) about the input. Reading never throws for bad input;
 * it reports a problem and carries on with everything else.
 */
export interface InputProblem {
  /** File path as given (or found while walking a folder), 'stdin' for '-', 'options' for bad options. */
  source: string;
  /** 1-based line number, for JSONL input (and JSON syntax errors). */
  line?: number;
  /** 1-based position of the record in a JSON array file. */
  item?: number;
  severity: Severity;
  message: string;
}

export interface ReadResult {
  articles: Article[];
  problems: InputProblem[];
}

/** Longest article text kept; longer texts are cut to this many UTF-16 code units (with a warning). */
export const MAX_ARTICLE_CHARS = 2_000_000;

/** Longest article id kept (a longer one is replaced by the derived id, with a warning). */
export const MAX_ID_CHARS = 1000;

/** Default file size limit of readInputs (50 MB). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
