// The docs' own words (index, ledger page, page chrome) in every language the docs are written in.
export const STRINGS = {
  en: {
    languageName: 'English',
    indexTitle: 'Huawei Cloud API reference: CCE, VPC Endpoint, API Gateway',
    heading: 'Huawei Cloud API reference',
    intro: 'OpenAPI 3.1 descriptions of the documented operations, with typed TypeScript clients generated from the same spec. Every page works offline.',
    services: 'Services',
    servers: 'Servers',
    apiVersion: 'API version',
    spec: 'Spec',
    ledgerLink: 'How this reference differs from the vendor\'s pages, and why',
    switchTo: 'Read this in',
    backToIndex: 'All services',
    ledgerTitle: 'Where this reference differs from the vendor\'s pages',
    ledgerIntro: 'The vendor documents these APIs in Chinese reference pages that sometimes contradict themselves, each other or the vendor\'s own SDKs. Each entry says what the page says, what this reference does instead and why.',
    ledgerEntries: 'entries',
    operations: 'Operations',
    where: 'Where',
    pageSays: 'The vendor\'s page',
    specSays: 'This reference',
    why: 'Why',
    ledgerLanguageNote: '',
    noScript: 'This reference page needs JavaScript. The operations are also listed, with links to the OpenAPI files, on the index.',
  },
  'zh-CN': {
    languageName: '中文',
    indexTitle: '华为云 API 参考：CCE、VPC 终端节点、API 网关',
    heading: '华为云 API 参考',
    intro: '已文档化接口的 OpenAPI 3.1 描述，以及由同一份描述生成的带类型的 TypeScript 客户端。所有页面均可离线使用。',
    services: '服务',
    servers: '服务地址',
    apiVersion: 'API 版本',
    spec: '接口描述文件',
    ledgerLink: '本参考与厂商文档的差异及原因',
    switchTo: '切换语言：',
    backToIndex: '全部服务',
    ledgerTitle: '本参考与厂商文档的差异',
    ledgerIntro: '厂商以中文参考页面描述这些接口，这些页面有时自相矛盾、彼此矛盾，或与厂商自己的 SDK 不一致。每个条目说明页面的写法、本参考的处理方式及原因。',
    ledgerEntries: '条',
    operations: '接口',
    where: '位置',
    pageSays: '厂商页面',
    specSays: '本参考',
    why: '原因',
    ledgerLanguageNote: '条目正文目前仅有英文版本。',
    noScript: '本参考页面需要启用 JavaScript。索引页也列出了全部接口，并附有 OpenAPI 描述文件的链接。',
  },
};

/** The file name of a docs page in a language: English keeps the plain name. */
export function pageName(base, language) {
  return language === 'en' ? `${base}.html` : `${base}.${language}.html`;
}

/** The language the switch on a page leads to. */
export function otherLanguage(language) {
  return language === 'en' ? 'zh-CN' : 'en';
}
