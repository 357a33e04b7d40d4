import { typo } from '../../../checks/wording/typo';
import { runCheckCases } from '../../helpers/check-tester';

runCheckCases(typo, {
  valid: [
    { name: 'the right forms', text: '认真部署落实，再接再厉，禁止焚烧秸秆。' },
    { name: 'a wrong form split by a line break is two blocks', html: '<p>认真布</p><p>署落实</p>' },
    { name: 'empty page', text: '' },
    { name: 'lone surrogates and mixed scripts', text: '\ud800abc\udc00 Ｐｏｌｉｃｙ 政策 политика' },
  ],
  invalid: [
    { name: 'a 通报 case', text: '市攻府办公室发布通知。', spans: [{ match: '攻府', severity: 'high' }] },
    { name: 'a common slip', html: '<div><p>要认真布署，再接再励。</p></div>', spans: [{ match: '布署', severity: 'medium' }, { match: '再接再励', severity: 'medium' }] },
    { name: 'a zero-width character inside the word is seen through', text: '认真布\u200b署落实', spans: [{ match: '布\u200b署' }] },
    { name: 'in hidden text, marked hidden', html: '<p>正文</p><div style="display:none">禁止焚烧秸杆</div>', spans: [{ match: '秸杆', hidden: true }] },
    { name: 'on a huge single line', text: '政务公开。'.repeat(20000) + '成立政务公开领导小姐。', spans: [{ match: '领导小姐', severity: 'high' }] },
  ],
});
