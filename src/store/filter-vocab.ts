/** The vocabularies a filter is checked with: ISO 3166 countries and Arabic folding (see FilterVocab). */
import { fold } from '../normalize/normalize.js';
import { countryCode } from '../vocab/countries.js';
import type { FilterVocab } from './filter.js';

export const FILTER_VOCAB: FilterVocab = { country: countryCode, fold };
