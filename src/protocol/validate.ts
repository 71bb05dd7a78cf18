/**
 * The engine's checks of every message and argument, before anything is
 * queued, so a wrong call or a forged message changes nothing. Every failure
 * is a `TypeError` whose `field` names the offending path.
 */
import { FlushMode } from '../types';
import { invalid } from './invalid';
import {
  MAX_CALLS_PER_MESSAGE,
  PROTOCOL,
  type ArgOf,
  type CallsMessage,
  type Operation,
} from './messages';

export { MAX_CALLS_PER_MESSAGE };

/**
 * Deliberate limit: the JSON of one event's or customer's properties. It keeps
 * a full batch of 50 far below request size limits and leaves room in the
 * 64 KiB that a page may have in flight with `keepalive`.
 */
export const MAX_PROPERTIES_BYTES = 16_384;

/** Deliberate limit: event names and id values, in characters. */
export const MAX_NAME_LENGTH = 256;

/** Deliberate limit: how deep properties may nest. */
export const MAX_DEPTH = 16;

/** The shortest flush period accepted, in ms; shorter would be `immediate`. */
export const MIN_FLUSH_PERIOD_MS = 1_000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a wrong value was, for the message: its type, or null. */
const describe = (value: unknown) => (value === null ? 'null' : typeof value);

/** Throws unless `value` survives JSON unchanged. */
function checkJson(value: unknown, field: string, ancestors: object[]): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(field, `must be finite, got ${value}`);
      return;
    case 'object':
      break;
    default:
      throw invalid(field, `cannot be sent as JSON, got ${describe(value)}`);
  }
  if (value === null) return;

  if (ancestors.includes(value)) throw invalid(field, 'refers to itself (a cycle)');
  if (ancestors.length >= MAX_DEPTH) throw invalid(field, `nests deeper than ${MAX_DEPTH}`);
  ancestors.push(value);

  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, `${field}[${index}]`, ancestors));
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) checkJson(value[key], `${field}.${key}`, ancestors);
  } else {
    throw invalid(field, `must be a plain object, got ${describe(value)}`);
  }

  ancestors.pop();
}

export function checkProperties(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw invalid(field, `must be an object, got ${describe(value)}`);

  checkJson(value, field, []);

  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > MAX_PROPERTIES_BYTES) {
    throw invalid(field, `is ${bytes} bytes of JSON; the limit is ${MAX_PROPERTIES_BYTES}`);
  }
}

function checkName(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, `must be a non-empty string, got ${describe(value)}`);
  }
  if (value.length > MAX_NAME_LENGTH) {
    throw invalid(field, `is longer than ${MAX_NAME_LENGTH} characters`);
  }
}

function checkDate(value: unknown, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(field, `must be a valid Date, got ${describe(value)}`);
  }
}

function checkCount(value: unknown, field: string, min: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    throw invalid(field, `must be a whole number ≥ ${min}, got ${describe(value)}`);
  }
}

function checkBoolean(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw invalid(field, `must be a boolean, got ${describe(value)}`);
  }
}

function checkOptionalString(value: unknown, field: string): void {
  if (value !== undefined) checkName(value, field);
}

function checkAuthorization(value: unknown, field: string): void {
  checkName(value, field);
  if (!/^(Token|Basic|Bearer) \S+$/.test(value as string)) {
    throw invalid(field, 'must look like `Token <public key>`');
  }
}

function checkBaseUrl(value: unknown, field: string): void {
  if (value === undefined) return;
  checkName(value, field);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw invalid(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(field, 'must be an http(s) URL');
  }
}

function checkFlushMode(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!Object.values(FlushMode).includes(value as FlushMode)) {
    throw invalid(field, `must be one of ${Object.values(FlushMode).join(', ')}`);
  }
}

function checkKnownKeys(value: Record<string, unknown>, known: string[], field: string) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw invalid(`${field}.${key}`, 'is not a known option');
  }
}

function checkObject(value: unknown, field: string): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) throw invalid(field, `must be an object, got ${describe(value)}`);
}

type Check = (value: unknown, field: string) => void;

const countFrom =
  (min: number): Check =>
  (value, field) =>
    checkCount(value, field, min);

const positive = countFrom(1);

const CONFIGURATION_CHECKS: Record<string, Check> = {
  projectToken: checkName,
  authorization: checkAuthorization,
  baseUrl: checkBaseUrl,
  defaultProperties: checkProperties,
  maxTries: positive,
  flushMode: checkFlushMode,
  flushPeriodMs: countFrom(MIN_FLUSH_PERIOD_MS),
  automaticSessionTracking: checkBoolean,
  sessionTimeoutMs: positive,
  appVersion: checkOptionalString,
  requestTimeoutMs: positive,
  maxQueueSize: positive,
  maxRetentionMs: positive,
  debug: checkBoolean,
};

function checkConfiguration(config: unknown): void {
  checkObject(config, 'config');
  checkKnownKeys(config, Object.keys(CONFIGURATION_CHECKS), 'config');
  if (config.projectToken === undefined) throw invalid('config.projectToken', 'is required');
  if (config.authorization === undefined) throw invalid('config.authorization', 'is required');

  for (const [key, check] of Object.entries(CONFIGURATION_CHECKS)) {
    check(config[key], `config.${key}`);
  }
}

function checkEvent(event: unknown): void {
  checkObject(event, 'event');
  checkKnownKeys(event, ['name', 'properties', 'timestamp'], 'event');
  checkName(event.name, 'name');
  checkProperties(event.properties, 'properties');
  checkDate(event.timestamp, 'timestamp');
}

function checkCustomer(customer: unknown): void {
  checkObject(customer, 'customer');
  checkKnownKeys(customer, ['ids', 'properties', 'timestamp'], 'customer');
  checkObject(customer.ids, 'ids');
  if (Object.keys(customer.ids).length === 0) throw invalid('ids', 'must name at least one id');
  for (const [key, id] of Object.entries(customer.ids)) {
    if (key === 'cookie') throw invalid('ids.cookie', 'is owned by the SDK and cannot be set');
    checkName(id, `ids.${key}`);
  }
  checkProperties(customer.properties, 'properties');
  checkDate(customer.timestamp, 'timestamp');
}

function checkAnonymizeChange(change: unknown): void {
  if (change === undefined) return;
  checkObject(change, 'change');
  checkKnownKeys(change, ['projectToken', 'authorization', 'baseUrl'], 'change');
  checkOptionalString(change.projectToken, 'change.projectToken');
  if (change.authorization !== undefined) {
    checkAuthorization(change.authorization, 'change.authorization');
  }
  checkBaseUrl(change.baseUrl, 'change.baseUrl');
}

const SIGNALS = ['visible', 'hidden', 'closed', 'online', 'wake'];

function checkNothing(value: unknown): void {
  if (value !== undefined) throw invalid('argument', 'must be omitted');
}

const ARGUMENT_CHECKS: { [O in Operation]: (arg: unknown) => void } = {
  configure: checkConfiguration,
  trackEvent: checkEvent,
  identifyCustomer: checkCustomer,
  getCustomerCookie: checkNothing,
  flushData: checkNothing,
  setFlushMode: (mode) => {
    if (mode === undefined) throw invalid('mode', 'is required');
    checkFlushMode(mode, 'mode');
  },
  setFlushPeriod: (periodMs) => {
    if (periodMs === undefined) throw invalid('periodMs', 'is required');
    checkCount(periodMs, 'periodMs', MIN_FLUSH_PERIOD_MS);
  },
  trackSessionStart: (timestamp) => checkDate(timestamp, 'timestamp'),
  trackSessionEnd: (timestamp) => checkDate(timestamp, 'timestamp'),
  anonymize: checkAnonymizeChange,
  getStatus: checkNothing,
  signal: (signal) => {
    if (!SIGNALS.includes(signal as string)) throw invalid('signal', 'is not a page signal');
  },
};

export function isOperation(op: unknown): op is Operation {
  return typeof op === 'string' && Object.hasOwn(ARGUMENT_CHECKS, op);
}

/** Throws a `TypeError` naming the field unless `arg` fits `op`. */
export function checkArgument<O extends Operation>(op: O, arg: unknown): asserts arg is ArgOf<O> {
  ARGUMENT_CHECKS[op](arg);
}

/**
 * Throws a `TypeError` naming the field unless `data` is a well-formed calls
 * message. Each call's argument is checked later, on its own, so one bad
 * call is refused without refusing its neighbours.
 */
export function checkCallsMessage(data: unknown): asserts data is CallsMessage {
  checkObject(data, 'message');
  if (data.protocol !== PROTOCOL) throw invalid('message.protocol', `must be ${PROTOCOL}`);
  checkName(data.page, 'message.page');
  checkBoolean(data.resent, 'message.resent');
  if (!Array.isArray(data.calls)) throw invalid('message.calls', 'must be an array');
  if (data.calls.length > MAX_CALLS_PER_MESSAGE) {
    throw invalid('message.calls', `holds more than ${MAX_CALLS_PER_MESSAGE} calls`);
  }

  data.calls.forEach((call: unknown, index) => {
    const field = `message.calls[${index}]`;
    checkObject(call, field);
    checkCount(call.id, `${field}.id`, 0);
    if (call.id === undefined) throw invalid(`${field}.id`, 'is required');
    if (!isOperation(call.op)) throw invalid(`${field}.op`, 'is not a known operation');
  });
}
