// 公告: list and edit, with the LED preview and the check findings beside the form.
import { h, hallToday } from '../dom.js';
import { listPage } from '../list.js';
import { editPage, defaultCentreId } from '../editor.js';
import { text, date, checkbox, textarea } from '../form.js';
import { select } from '../dom.js';
import { noticeCategories, label } from '../labels.js';
import { ledPreview } from '../led.js';
import { findingsPanel } from '../findings.js';
import { proofPanel } from '../proof.js';

const today = hallToday; // the hall's date, not the browser's (UTC on some PCs)

function period(n) {
  // A version still waiting or sent back is not what the hall shows.
  if (n.approval && n.approval.state !== 'approved' && !n.approval.approved_version) return h('span', { class: 'tag' }, '未发布');
  const t = today();
  if (n.publish_from && t < n.publish_from) return h('span', { class: 'tag' }, '未开始');
  if (n.publish_until && t > n.publish_until) return h('span', { class: 'tag muted' }, '已结束');
  return h('span', { class: 'tag ok' }, '公示中');
}

export function list(root, params) {
  return listPage(root, {
    title: '公告', collection: 'notices', params, newLabel: '新建公告',
    columns: [
      { label: '标题', value: (n) => n.title },
      { label: '类别', value: (n) => label(noticeCategories, n.category) },
      { label: '公示期', value: (n) => `${n.publish_from || '—'} 至 ${n.publish_until || '—'}` },
      { label: '状态', value: (n) => [period(n), n.urgent ? h('span', { class: 'tag urgent' }, '紧急') : null] },
      { label: '修改人', value: (n) => n.changed_by || '' },
    ],
  });
}

export function edit(root, id) {
  let inputs, theForm;
  return editPage(root, {
    collection: 'notices', id, noun: '公告', titleOf: (n) => n.title,
    blank: async () => ({ centre_id: await defaultCentreId(), category: 'other', title: '', body: '',
      publish_from: today(), publish_until: '', urgent: false }),
    build(n, form, changed) {
      theForm = form;
      inputs = {
        category: select({ id: 'notice-category' }, noticeCategories, n.category),
        title: text(n.title, { id: 'notice-title', maxlength: 200, required: true, oninput: changed }),
        body: textarea(n.body, { id: 'notice-body', rows: 10, oninput: changed }),
        from: date(n.publish_from, { id: 'notice-from' }),
        until: date(n.publish_until, { id: 'notice-until' }),
        urgent: checkbox(n.urgent, { id: 'notice-urgent' }),
      };
      return {
        el: h('div', { class: 'fields' },
          form.field('公告类别', inputs.category, 'category'),
          form.field('标题', inputs.title, 'title'),
          form.field('正文', inputs.body, 'body'),
          h('div', { class: 'row' },
            form.field('公示开始', inputs.from, 'publish_from'),
            form.field('公示结束', inputs.until, 'publish_until', '公示期内的公告在大厅屏上轮播')),
          form.field('紧急公告（优先显示）', inputs.urgent, 'urgent')),
        collect: (cur) => ({
          ...cur, category: inputs.category.value, title: inputs.title.value, body: inputs.body.value,
          publish_from: inputs.from.value, publish_until: inputs.until.value, urgent: inputs.urgent.checked,
        }),
      };
    },
    side(n, updated, unsaved) {
      const preview = ledPreview(() => ({ notice: unsaved() }));
      const findings = findingsPanel('notice', (field) => theForm?.find(field)?.input?.focus());
      const panels = [preview.el, findings.el];
      if (n.id) panels.push(proofPanel(n.id).el); // a stored notice has a play record
      return { panels, changed: preview.refresh, saved: (r) => findings.refresh(r?.id) };
    },
  });
}
