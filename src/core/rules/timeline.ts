/**
 * F0: the employer's timeline phrase ("we'll decide by Friday", "within two weeks", "after Easter")
 * resolved to a decision date, counted from the interview's local date. The reader lives in
 * ./timeline/ (words, days, holidays, the phrases, and the choice among them).
 */
export { readTimeline, type TimelineChoice, type TimelineReading } from './timeline/read.js';
