import { beforeWritten } from '../../../checks/dates/before-written';
import { runCheckCases } from '../../helpers/check-tester';

const table = (written: string, published: string) =>
  `<table><tr><td>成文日期：</td><td>${written}</td></tr><tr><td>发布日期：</td><td>${published}</td></tr></table><p>正文</p>`;

runCheckCases(beforeWritten, {
  valid: [
    { name: 'published after it was written', html: table('2023年08月18日', '2023年08月25日') },
    { name: 'published the day after signing', html: '<div>发布日期：2023-08-19</div><p>示范市人民政府</p><p>二〇二三年八月十八日</p>' },
    { name: 'a date line under a photo caption, not under a signature', html: '<div>发布日期：2023-05-02</div><p>图为活动现场</p><p>2023年8月18日</p>' },
    { name: 'an Arabic signature before publication', html: '<div>发布日期：2023-08-21</div><p>示范市人民政府办公室</p><p>2023年8月18日</p><p>（此件公开发布）</p>' },
    { name: 'printed, then published', html: '<div>发布日期：2023-08-21</div><p>示范市人民政府办公室 2023年8月20日印发</p>' },
    { name: 'a later document cited as printed, not this one', html: '<div>发布日期：2023-08-21</div><p>本办法自公布之日起施行。2023年9月1日印发的《实施细则》另行公布。</p><p>示范市人民政府办公室 2023年8月20日印发</p>' },
  ],
  invalid: [
    { name: 'the 信息公开 table says it was published before it was written', html: table('2023年08月18日', '2023年06月01日'), spans: [{ match: '2023-06-01T00:00:00+08:00' }] },
    { name: 'the 版记 (the last 印发 date) is later than the byline', html: '<div>发布日期：2023-05-02</div><p>根据2022年3月1日印发的《规定》。</p><p>示范市人民政府办公室 2023年8月20日印发</p>', spans: [{ match: '2023-05-02T00:00:00+08:00' }] },
    { name: 'the Arabic-numeral signature (GB/T 9704-2012) is later than the byline', html: '<div>发布日期：2023-05-02</div><p>正文。</p><p>示范市人民政府办公室</p><p>2023年8月18日</p><p>（此件公开发布）</p>', spans: [{ match: '2023-05-02T00:00:00+08:00' }] },
    { name: 'two bodies sign, then the date', html: '<div>发布日期：2023-05-02</div><p>正文。</p><p>国务院</p><p>中央军委</p><p>2023年8月18日</p>', spans: [{ match: '2023-05-02T00:00:00+08:00' }] },
    { name: 'the signature is later than the byline', html: '<div>发布日期：2023-05-02</div><p>示范市人民政府</p><p>二〇二三年八月十八日</p>', spans: [{ match: '2023-05-02T00:00:00+08:00' }] },
  ],
});
