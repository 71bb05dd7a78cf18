export { Exponea } from './exponea';
export { ExponeaError } from './errors';
export { FlushMode } from './types';
export type {
  AnonymizeChange,
  Configuration,
  Customer,
  FlushResult,
  JsonValue,
  Properties,
  Status,
  TrackedEvent,
} from './types';
export type { ErrorCode } from './protocol/messages';
