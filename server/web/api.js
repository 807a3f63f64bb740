// The server's JSON API (docs/api.md): session, CSRF token on every write, errors as ApiError.

import { setHallOffset } from './dom.js';

let csrf = '';
let currentUser = null;

export class ApiError extends Error {
  constructor(status, message, field, data) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.field = field || '';
    this.data = data || null; // the whole answer (an import's rows come with its 400)
  }
}

export function user() { return currentUser; }

function remember(answer) {
  csrf = answer?.csrf || '';
  if (answer) setHallOffset(answer.utc_offset_minutes, answer.now);
  currentUser = answer?.user || null;
  return currentUser;
}

// fetch with the session cookie and, for writes, the CSRF token. `body` is an object (sent as
// JSON), a Blob (sent as is, with its own type) or undefined. Resolves to the Response.
export async function request(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD' && csrf) init.headers['X-CSRF-Token'] = csrf;
  if (body instanceof Blob) {
    init.body = body;
    if (!init.headers['Content-Type'] && body.type) init.headers['Content-Type'] = body.type;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (!res.ok) {
    let message = '', field = '', data = null;
    try {
      data = await res.clone().json();
      // An import's 400 counts its rows in "error" and words it in "message".
      message = (typeof data.error === 'string' ? data.error : data.message) || '';
      field = data.field || '';
    } catch { /* not JSON: keep the status */ }
    // A lapsed session anywhere but the login itself sends the user back to the login form.
    if (res.status === 401 && path !== '/api/session' && currentUser) {
      currentUser = null;
      window.dispatchEvent(new CustomEvent('gongshi:logged-out'));
    }
    throw new ApiError(res.status, message, field, data);
  }
  return res;
}

// JSON in, JSON out; null for 204.
export async function api(method, path, body) {
  const res = await request(method, path, body);
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : null;
}

export const get = (path) => api('GET', path);

export async function login(username, password) {
  return remember(await api('POST', '/api/session', { username, password }));
}

// A session the server answered with elsewhere (the first run logs its admin in).
export function adopt(answer) { return remember(answer); }

// The session the cookie still holds, or null.
export async function restore() {
  try {
    return remember(await api('GET', '/api/session'));
  } catch (e) {
    if (e.status === 401) return remember(null);
    throw e;
  }
}

export async function logout() {
  try { await api('DELETE', '/api/session'); } finally { remember(null); }
}

// query({q: 'x', limit: 20}) -> "?q=x&limit=20", leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The server says what is wrong in Chinese, naming the field by its label (common/Messages.h and
// the records' field tables): shown as it comes. The status stands in only when there is no
// message, and for a stale version, which the page words for its own form.
export function errorText(err) {
  if (!(err instanceof ApiError)) return `出错了：${err?.message || err}`;
  const stale = err.status === 409 && (!err.field || err.field === 'version');
  if (!stale && err.message) return err.message;
  switch (err.status) {
    case 401: return '请先登录';
    case 403: return '没有权限执行此操作';
    case 404: return '记录不存在或已被删除';
    case 409: return stale ? '该记录已被他人修改，请刷新后再改' : `名称已被占用：${err.message}`;
    case 413: return '内容过大，无法保存';
    case 429: return '登录失败次数过多，请稍后再试';
  }
  return `请求失败（${err.status}）`;
}
