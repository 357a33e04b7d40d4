import { leaderOrder } from '../../../checks/wording/leader-order';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(leaderOrder, {
  valid: [
    { name: 'the 20th committee in order', text: '习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希出席。' },
    { name: 'the 19th committee in its own order', text: '习近平、李克强、栗战书、汪洋、王沪宁、赵乐际、韩正出席。' },
    { name: 'a subset in order, with 同志', text: '习近平同志、王沪宁同志和李希同志' },
    { name: 'names in separate sentences', text: '李强主持会议。习近平出席。' },
  ],
  invalid: [
    { name: 'two members swapped', text: '习近平、赵乐际、李强出席。', spans: [{ match: '习近平、赵乐际、李强', severity: 'critical' }] },
    { name: 'premier before general secretary', text: '李强、习近平等出席。', spans: [{ match: '李强、习近平' }] },
  ],
});
