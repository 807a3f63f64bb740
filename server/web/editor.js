// The edit page every record kind shares: load, save with the version read (a stale one is a
// 409 the form shows), delete, revisions; panels beside the form (LED preview, check findings).
import { h, replace, when } from './dom.js';
import { api, get, errorText } from './api.js';
import { Form } from './form.js';
import { actions } from './labels.js';
import { approvalTags, savedMessage } from './approval.js';
import { pickedCentre } from './centre.js';

// New records belong to the picked centre (a centre's user: their own); for the whole county, to
// the first centre.
export async function defaultCentreId() {
  const picked = pickedCentre();
  if (picked) return picked;
  const { items = [] } = await get('/api/centres?limit=1');
  return items[0]?.id ?? 0;
}

// spec: {collection, id, noun, blank() -> new record, build(record, form, changed) -> {el, collect(current record)},
//        side(record, updated, unsaved() -> the form's values now) -> {panels: [Node], saved(record), changed()}, titleOf(record)}
export async function editPage(root, spec) {
  const { collection, noun } = spec;
  let id = spec.id;
  let record;
  try {
    record = id ? await get(`/api/${collection}/${id}`) : await spec.blank();
  } catch (e) {
    replace(root, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  const reload = () => editPage(root, { ...spec, id });
  const form = new Form();
  // A side panel that changes the record itself (a photo upload) hands back the new version.
  const updated = (r) => { record = r; showVersion(); showApproval(); showHistory(); };
  const side = spec.side ? spec.side(record, updated, () => built.collect(record)) : { panels: [] };
  const built = spec.build(record, form, () => side.changed?.());
  const heading = h('h2', {}, id ? `${noun}：${spec.titleOf(record) || `#${id}`}` : `新建${noun}`);
  const versionNote = h('span', { class: 'muted version' });
  // Waiting for approval or sent back (with the comment), and what the screens show meanwhile.
  const approvalNote = h('div', { class: 'approval', id: 'approval-state', role: 'status' });
  const showApproval = () => { const tags = approvalTags(record, { long: true }); approvalNote.hidden = !tags.length; replace(approvalNote, tags); };
  const revisions = h('section', { class: 'panel history' });
  const showVersion = () => replace(versionNote, id ? `第 ${record.version} 版 · ${when(record.changed_at)} ${record.changed_by || ''}` : '');

  async function save(e) {
    e.preventDefault();
    form.clear();
    let body;
    try {
      body = { ...built.collect(record) };
      delete body.approval; // the server's word on the record, not a field of it
      if (id) body.version = record.version;
      const saved = await api(id ? 'PUT' : 'POST', id ? `/api/${collection}/${id}` : `/api/${collection}`, body);
      const created = !id;
      record = saved;
      id = saved.id;
      if (created) history.replaceState(null, '', `#/${collection}/${id}`);
      replace(heading, `${noun}：${spec.titleOf(record) || `#${id}`}`);
      showVersion();
      showApproval();
      form.message(savedMessage(record, created), 'ok');
      deleteButton.hidden = false;
      side.saved?.(record);
      showHistory();
    } catch (err) {
      form.error(err, reload);
    }
  }

  async function remove() {
    if (!confirm(`确定删除这条${noun}吗？`)) return;
    try {
      await api('DELETE', `/api/${collection}/${id}?version=${record.version}`);
      location.hash = `#/${collection}`;
    } catch (err) {
      form.error(err, reload);
    }
  }

  async function restore(version) {
    if (!confirm(`恢复到第 ${version} 版？当前内容会保存为新的一版。`)) return;
    try {
      record = await api('POST', `/api/${collection}/${id}/revisions/${version}/restore`, { version: record.version });
      reload();
    } catch (err) {
      form.error(err, reload);
    }
  }

  async function showHistory() {
    if (!id) { replace(revisions); return; }
    try {
      const { items = [] } = await get(`/api/${collection}/${id}/revisions`);
      items.sort((a, b) => b.version - a.version);
      replace(revisions, h('h3', {}, '历史版本'), h('ul', { class: 'revisions' }, items.slice(0, 10).map((r) => h('li', {},
        `第 ${r.version} 版 · ${actions[r.action] || r.action} · ${when(r.changed_at)} · ${r.changed_by || ''}`,
        r.version !== record.version
          ? h('button', { type: 'button', class: 'link', onclick: () => restore(r.version) }, '恢复此版')
          : h('span', { class: 'muted' }, '（当前）')))));
    } catch (err) {
      replace(revisions, h('p', { class: 'muted' }, `历史版本不可用：${errorText(err)}`));
    }
  }

  const deleteButton = h('button', { type: 'button', class: 'danger', hidden: !id, onclick: remove }, '删除');
  showVersion();
  showApproval();
  replace(root,
    h('div', { class: 'page-head' }, heading, versionNote, h('a', { class: 'button', href: `#/${collection}` }, '返回列表')),
    approvalNote,
    h('div', { class: 'edit' },
      h('form', { class: 'record', novalidate: true, onsubmit: save },
        form.banner, built.el,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', class: 'primary', id: 'save' }, spec.saveLabel || '保存'), deleteButton)),
      h('aside', { class: 'side' }, side.panels, revisions)));
  side.saved?.(id ? record : null);
  showHistory();
  markField(form);
}

// A link from the checks page (#/matters/3?field=fee_basis) names the field to fix: mark it and
// put the cursor there.
function markField(form) {
  const field = new URLSearchParams(location.hash.split('?')[1] || '').get('field');
  const target = field && form.find(field);
  if (!target?.input) return;
  target.input.classList.add('marked');
  target.input.scrollIntoView?.({ block: 'center' });
  target.input.focus?.();
}
