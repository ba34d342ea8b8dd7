// Findings are vfile messages with stable rule ids (src/check/RULES.md); these are the words they share.

/** How much a finding matters: errors stop a --final build; the desk config can change a rule's. */
export type Severity = 'error' | 'warning' | 'info';
