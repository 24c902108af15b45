// Talks to the shop's API through the gateway (same origin), and remembers which replica of each
// service answered for the page on screen (the X-Served-By header).
import { session } from './session.js';

const servedBy = new Map();

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function newPage() {
  servedBy.clear();
  showServedBy();
}

export async function api(method, path, { body, headers = {}, auth = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (auth && session.token()) {
    init.headers.Authorization = `Bearer ${session.token()}`;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { type: 'urn:shop:problem:unavailable', detail: e.message });
  }
  const replica = response.headers.get('X-Served-By');
  if (replica) {
    servedBy.set(replica.split('/')[0], replica);
    showServedBy();
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return { status: response.status, data };
}

function showServedBy() {
  const text = [...servedBy.values()].join(' · ');
  document.getElementById('served-by').textContent = `Served by ${text || '—'}`;
}

// A problem (RFC 9457) told in plain words.
export function explain(error) {
  const problem = error.problem || {};
  const type = problem.type || '';
  if (type.endsWith(':insufficient-stock')) {
    const names = (problem.shortages || []).map(s => `${s.name} (only ${s.available} left)`).join(', ');
    return `Sorry, there is not enough stock for: ${names || 'some of the products'}.`;
  }
  if (type.endsWith(':invalid-credentials')) return 'Wrong email or password.';
  if (type.endsWith(':too-many-login-attempts')) return 'Too many attempts. Please wait a minute and try again.';
  if (type.endsWith(':email-taken')) return 'An account with this email address already exists. Log in instead?';
  if (error.status === 401) return 'Your session has expired. Please log in again.';
  if (error.status === 503 || error.status === 0) return 'The shop is busy right now. Please try again in a moment.';
  if (error.status === 400 && problem.errors?.length) {
    return problem.errors.map(e => `${e.field}: ${e.message}`).join('; ');
  }
  return problem.detail || 'Something went wrong. Please try again.';
}
