// Where a matter or notice stands when its centre needs approval (the record's `approval`):
// 待审批, 已退回 with the approver's comment, and what the screens show meanwhile.
import { h, when } from './dom.js';

// Tags for a list row or an edit page: nothing when approved or when approval is off.
export function approvalTags(record, { long = false } = {}) {
  const a = record?.approval;
  if (!a || a.state === 'approved') return [];
  const tag = a.state === 'rejected'
    ? h('span', { class: 'tag rejected', title: a.comment || '' }, '已退回')
    : h('span', { class: 'tag waiting' }, '待审批');
  const out = [tag];
  if (a.state === 'rejected' && a.comment) {
    out.push(h('span', { class: 'approval-comment' }, long
      ? `退回意见（${a.by || ''} ${when(a.at)}）：${a.comment}` : `退回意见：${a.comment}`));
  }
  out.push(h('span', { class: 'muted approval-shown' },
    a.approved_version ? `屏幕上现在显示：${a.shown_title || '（已批准的版本）'}` : '屏幕上尚未显示'));
  return out;
}

// The message after a save: whether it waits for approval.
export function savedMessage(record, created) {
  const a = record?.approval;
  if (a && a.state === 'waiting') return created ? '已新建，等待审批' : '已保存，等待审批';
  return created ? `已新建并保存（第 ${record.version} 版）` : `已保存（第 ${record.version} 版）`;
}
