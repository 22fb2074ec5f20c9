/** The golden cases, loaded by the bundler in the Workers runtime (no file system there). */
import { goldenCasesFileSchema, type GoldenCase } from '../../src/ruleset/schema.ts';

const files = import.meta.glob('../../rules/cases/*.json', { eager: true, import: 'default' });

export const goldenCases: Array<{ file: string; golden: GoldenCase }> = Object.entries(files).flatMap(([file, content]) =>
  goldenCasesFileSchema.parse(content).cases.map((golden) => ({ file: file.replace(/^.*\//, ''), golden })),
);
