/**
 * The box the base map covers (west, south, east, north): every gazetteer place (lon 32.9 to
 * 51.4, lat 24.7 to 39.9) with a margin. The country outlines are cropped to it
 * (scripts/build-basemap.ts) and the map never shows beyond it (its maxBounds).
 */
export const BASEMAP_BOX: [number, number, number, number] = [24, 18, 62, 46];
