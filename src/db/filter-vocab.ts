/**
 * The vocabularies a filter is checked with: ISO 3166 countries, and the folding of the text
 * query (Arabic-normalized and lowercased, as the evidence and the names in both languages
 * are stored; see FilterVocab).
 */
import { foldName } from '../places/names.js';
import { countryCode } from '../vocab/countries.js';
import type { FilterVocab } from './filter.js';

export const FILTER_VOCAB: FilterVocab = { country: countryCode, fold: foldName };
