/**
 * Bounds the OpenSLO parser keeps so that no definition can make SLO Kit
 * slow, use much memory or answer with huge messages. A file beyond them is
 * refused with a located issue, never half-read.
 */
export const OPENSLO_LIMITS = {
  /** YAML documents per file. */
  maxDocuments: 100,
  /** Issues returned for one file (the first ones); `issueCount` has the total. */
  maxIssues: 50,
  /** YAML aliases resolved per document (the `yaml` package's `maxAliasCount`). */
  maxAliasCount: 100,
  /** Nesting of YAML maps and lists in one document. */
  maxDepth: 32,
  /** Longest time window in days: the retention of hourly rollups. */
  maxTimeWindowDays: 400,
  /** An issue's field path is shortened to this many characters. */
  maxPathLength: 500,
  /** An issue's message is shortened to this many characters. */
  maxMessageLength: 1000,
  /** The document name given with an issue is shortened to this many characters. */
  maxDocumentNameLength: 100,
  /** SLI names listed when an indicatorRef points nowhere. */
  maxNamesListed: 10,
} as const;
