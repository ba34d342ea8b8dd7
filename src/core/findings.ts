// Findings are vfile messages with stable rule ids (src/check/RULES.md); these are the words they share.

/** How much a finding matters: errors stop a --final build; the desk config can change a rule's. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * The `source` of every finding baoban makes, whichever stage makes it (reading, parsing, the copy
 * desk, the page, the EPUB): the rule id says what was found, the stage does not matter to the user.
 */
export const FINDINGS_SOURCE = 'baoban';

/** A vfile message's severity: fatal true is an error, false a warning, unset an info. */
export function severityOf(message: { fatal?: boolean | null | undefined }): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}
