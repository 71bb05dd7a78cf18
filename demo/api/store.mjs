/**
 * What arrived, kept per project token. Each test uses its own token, so one
 * server can serve tests running in parallel without them seeing each other.
 * Everything lives in memory and is gone when the server stops.
 */

import { FaultQueue } from './faults.mjs';

/**
 * @typedef {import('./validate.mjs').TrackingCommand} TrackingCommand
 * @typedef {import('./faults.mjs').Fault} Fault
 */

/**
 * A command the API accepted.
 *
 * @typedef {object} RecordedCommand
 * @property {TrackingCommand['name']} name
 * @property {TrackingCommand['data']} data as the client sent it
 * @property {string} [command_id] only when the client gave one
 * @property {number} requestIndex `index` of the request that carried it
 * @property {number} receivedAtMs when it was accepted (epoch ms)
 */

/**
 * A request that reached a tracking route. `status` and `answeredAtMs`
 * stay null while no answer went out: a hang, a drop, or a delayed answer
 * whose client left first.
 *
 * @typedef {object} RecordedRequest
 * @property {number} index position among the project's requests, from 0
 * @property {string} path
 * @property {number} commandCount commands in the body, 0 when unreadable
 * @property {number | null} status
 * @property {Fault['kind'] | null} fault
 * @property {number} startedAtMs when the request arrived (epoch ms)
 * @property {number | null} answeredAtMs when the answer was written
 */

/** Everything the server holds for one project token. */
export class Project {
  /** @type {RecordedCommand[]} */
  commands = [];

  /** @type {RecordedRequest[]} */
  requests = [];

  faults = new FaultQueue();

  /**
   * Event types whose commands fail as if the project refused them.
   *
   * @type {Set<string>}
   */
  refusedEventTypes = new Set();

  /**
   * Notes a request that reached a tracking route; the caller fills in the
   * outcome on the returned record.
   *
   * @param {{ path: string, commandCount: number, startedAtMs: number,
   *   sentCookies: boolean }} start
   * @returns {RecordedRequest}
   */
  startRequest({ path, commandCount, startedAtMs, sentCookies }) {
    /** @type {RecordedRequest} */
    const request = {
      index: this.requests.length,
      path,
      commandCount,
      sentCookies,
      status: null,
      fault: null,
      startedAtMs,
      answeredAtMs: null,
    };

    this.requests.push(request);
    return request;
  }

  /**
   * @param {TrackingCommand} command
   * @param {number} requestIndex
   */
  acceptCommand({ name, data, command_id }, requestIndex) {
    /** @type {RecordedCommand} */
    const record = { name, data, requestIndex, receivedAtMs: Date.now() };
    if (command_id !== undefined) record.command_id = command_id;

    this.commands.push(record);
  }

  /** The view `GET /__control/projects/{token}` answers with. */
  describe() {
    return { commands: this.commands, requests: this.requests };
  }
}

/** The projects, by token. */
export class ProjectStore {
  /** @type {Map<string, Project>} */
  #projects = new Map();

  /**
   * The project for `token`, created on first use.
   *
   * @param {string} token
   */
  obtain(token) {
    let project = this.#projects.get(token);
    if (!project) {
      project = new Project();
      this.#projects.set(token, project);
    }

    return project;
  }

  /**
   * The project for `token` without creating one, so reading an unknown
   * token does not leave an empty entry behind.
   *
   * @param {string} token
   */
  find(token) {
    return this.#projects.get(token);
  }

  /** @param {string} token */
  forget(token) {
    this.#projects.delete(token);
  }
}
