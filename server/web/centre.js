// The centre the admin page works on. A user of one centre always works on their own; a county
// user picks one in the header (中心: 全县 or a centre), kept in localStorage, and the lists, the
// checks and new records follow the pick.
import { user } from './api.js';

const key = 'gongshi.centre';

// The centre's id, or null for the whole county.
export function pickedCentre() {
  const own = user()?.centre_id;
  if (own) return own;
  const stored = Number(localStorage.getItem(key));
  return stored > 0 ? stored : null;
}

export function pickCentre(id) {
  if (id) localStorage.setItem(key, String(id));
  else localStorage.removeItem(key);
}

// Whether the user sees every centre (and so the picker).
export function countyUser() { return !!user() && !user().centre_id; }

// {centre_id} for a list's query, empty for the county.
export function centreFilter() {
  const c = pickedCentre();
  return c ? { centre_id: c } : {};
}
