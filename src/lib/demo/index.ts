export { generateDemoShop, defaultSeed } from './generate';
export { toCsv, csvField, type CsvValue } from './csv-write';
export {
  demoMediaTypes, demoCardinalities, demoKeyMatches, demoMainCategories, demoSegments, demoAspects,
  type DemoOptions, type DemoMediaType, type DemoFile, type DemoShop, type DemoTruth, type DemoRelationship,
  type DemoCardinality, type DemoKeyMatch, type DemoMainCategory, type DemoSegment, type DemoAspect, type DemoBundle,
} from './types';
