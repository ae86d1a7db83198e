// Prior authorization rules: criteria per class and per drug, the engine, questionnaires, decision clocks and
// the plain-language status members read.
export * from './catalog';
export * from './clock';
export * from './diagnosis';
export * from './evaluate';
export * from './member-status';
export * from './prescriber-findings';
export * from './questionnaire';
export * from './types';
