// The console's words in English and Chinese. The language is the browser's (zh… → Chinese), or the one chosen
// with the language button, remembered on this device.

const en = {
  'app.title': 'ChatClean',
  'lang.switch': '中文',
  'auth.signIn': 'Sign in',
  'auth.signUp': 'Create an account',
  'auth.signOut': 'Sign out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.displayName': 'Your name (optional)',
  'auth.haveAccount': 'I have an account',
  'auth.noAccount': 'I am new here',
  'chat.start': 'Start a conversation',
  'chat.subject': 'What is it about? (optional)',
  'chat.placeholder': 'Write a message',
  'chat.send': 'Send',
  'chat.askHuman': 'Talk to a person',
  'chat.cancelHuman': 'Stay with the assistant',
  'chat.close': 'End the conversation',
  'chat.new': 'New conversation',
  'chat.log': 'Conversation',
  'chat.waiting': 'Waiting for an agent: you are number {position} of {length}, expected wait about {wait}.',
  'chat.waitingShort': 'Waiting for an agent…',
  'chat.agentJoined': 'An agent has joined the conversation.',
  'chat.backToAi': 'The assistant answers again.',
  'chat.closed': 'The conversation has ended.',
  'chat.typing': 'The agent is typing…',
  'chat.sending': 'sending…',
  'chat.erased': '(erased)',
  'chat.rate': 'How did we do?',
  'chat.rateStar': '{n} of 5',
  'chat.comment': 'Anything to add? (optional)',
  'chat.sendRating': 'Send rating',
  'chat.thanks': 'Thank you for your rating.',
  'sender.you': 'You',
  'sender.customer': 'Customer',
  'sender.ai': 'Assistant',
  'sender.agent': 'Agent',
  'sender.system': 'ChatClean',
  'agent.title': 'ChatClean · Agent',
  'agent.queue': 'Waiting',
  'agent.queueEmpty': 'Nobody is waiting.',
  'agent.mine': 'My conversations',
  'agent.mineEmpty': 'You hold no conversation.',
  'agent.waited': 'waiting {time}',
  'agent.takeOver': 'Take over',
  'agent.release': 'Back to the AI',
  'agent.close': 'Close',
  'agent.pick': 'Pick a conversation on the left.',
  'agent.status': 'Status',
  'agent.online': 'Online',
  'agent.away': 'Away',
  'agent.customerTyping': 'The customer is typing…',
  'agent.notAgent': 'This screen is for agents: sign in with an agent account.',
  'agent.noSubject': '(no subject)',
  'admin.title': 'ChatClean · Admin',
  'admin.analytics': 'Analytics',
  'admin.live': 'Now',
  'admin.users': 'Agents and admins',
  'admin.window': 'Window',
  'admin.today': 'Today',
  'admin.days7': 'Last 7 days',
  'admin.days30': 'Last 30 days',
  'admin.conversations': 'Conversations',
  'admin.handoffRate': 'Handoff rate',
  'admin.timeoutRate': 'Timed out to the AI',
  'admin.frtAi': 'AI first response (median / p90)',
  'admin.frtHuman': 'Agent first response (median / p90)',
  'admin.wait': 'Wait for an agent (median / p90)',
  'admin.csat': 'CSAT (average, responses)',
  'admin.chartConversations': 'Conversations started',
  'admin.chartRates': 'Handoff and timeout rates',
  'admin.chartTimes': 'Median wait and agent first response (s)',
  'admin.chartCsat': 'CSAT average',
  'admin.waiting': 'Waiting now',
  'admin.longestWait': 'Longest wait',
  'admin.humanSessions': 'With an agent',
  'admin.agentsOnline': 'Agents online',
  'admin.agentsAway': 'Agents away',
  'admin.startedToday': 'Started today',
  'admin.newAgent': 'New agent',
  'admin.role': 'Role',
  'admin.displayName': 'Display name (optional)',
  'admin.create': 'Create',
  'admin.disable': 'Disable',
  'admin.enable': 'Enable',
  'admin.disabled': 'disabled',
  'admin.notAdmin': 'This screen is for admins: sign in with an admin account.',
  'admin.none': '–',
  'status.connecting': 'Connecting…',
  'status.closed': 'Connection lost: reconnecting…',
  'time.seconds': '{n} s',
  'time.minutes': '{n} min',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'app.title': 'ChatClean',
  'lang.switch': 'English',
  'auth.signIn': '登录',
  'auth.signUp': '注册账号',
  'auth.signOut': '退出',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.displayName': '您的称呼（可选）',
  'auth.haveAccount': '我已有账号',
  'auth.noAccount': '我是新用户',
  'chat.start': '开始咨询',
  'chat.subject': '咨询什么问题？（可选）',
  'chat.placeholder': '输入消息',
  'chat.send': '发送',
  'chat.askHuman': '转人工',
  'chat.cancelHuman': '继续和智能助手聊',
  'chat.close': '结束会话',
  'chat.new': '新会话',
  'chat.log': '会话',
  'chat.waiting': '正在等待人工客服：您排在第 {position} 位（共 {length} 位），预计等待约 {wait}。',
  'chat.waitingShort': '正在等待人工客服…',
  'chat.agentJoined': '人工客服已加入会话。',
  'chat.backToAi': '智能助手将继续为您服务。',
  'chat.closed': '会话已结束。',
  'chat.typing': '客服正在输入…',
  'chat.sending': '发送中…',
  'chat.erased': '（已删除）',
  'chat.rate': '请为本次服务评分',
  'chat.rateStar': '{n} 分（满分 5 分）',
  'chat.comment': '还有什么想说的？（可选）',
  'chat.sendRating': '提交评分',
  'chat.thanks': '感谢您的评价。',
  'sender.you': '我',
  'sender.customer': '客户',
  'sender.ai': '智能助手',
  'sender.agent': '客服',
  'sender.system': 'ChatClean',
  'agent.title': 'ChatClean · 客服工作台',
  'agent.queue': '排队中',
  'agent.queueEmpty': '暂无排队的客户。',
  'agent.mine': '我的会话',
  'agent.mineEmpty': '您当前没有接入的会话。',
  'agent.waited': '已等待 {time}',
  'agent.takeOver': '接入',
  'agent.release': '交回智能助手',
  'agent.close': '结束',
  'agent.pick': '请在左侧选择一个会话。',
  'agent.status': '状态',
  'agent.online': '在线',
  'agent.away': '离开',
  'agent.customerTyping': '客户正在输入…',
  'agent.notAgent': '此页面供客服使用：请用客服账号登录。',
  'agent.noSubject': '（无主题）',
  'admin.title': 'ChatClean · 管理后台',
  'admin.analytics': '数据分析',
  'admin.live': '实时',
  'admin.users': '客服与管理员',
  'admin.window': '时间范围',
  'admin.today': '今天',
  'admin.days7': '最近 7 天',
  'admin.days30': '最近 30 天',
  'admin.conversations': '会话数',
  'admin.handoffRate': '转人工率',
  'admin.timeoutRate': '超时回退智能助手',
  'admin.frtAi': '智能助手首次响应（中位数 / p90）',
  'admin.frtHuman': '人工首次响应（中位数 / p90）',
  'admin.wait': '等待人工（中位数 / p90）',
  'admin.csat': '满意度（平均分，评价数）',
  'admin.chartConversations': '新会话',
  'admin.chartRates': '转人工率与超时率',
  'admin.chartTimes': '等待与人工首次响应中位数（秒）',
  'admin.chartCsat': '满意度平均分',
  'admin.waiting': '正在排队',
  'admin.longestWait': '最长等待',
  'admin.humanSessions': '人工服务中',
  'admin.agentsOnline': '在线客服',
  'admin.agentsAway': '离开的客服',
  'admin.startedToday': '今日新会话',
  'admin.newAgent': '新建客服',
  'admin.role': '角色',
  'admin.displayName': '显示名称（可选）',
  'admin.create': '创建',
  'admin.disable': '停用',
  'admin.enable': '启用',
  'admin.disabled': '已停用',
  'admin.notAdmin': '此页面供管理员使用：请用管理员账号登录。',
  'admin.none': '–',
  'status.connecting': '正在连接…',
  'status.closed': '连接已断开，正在重连…',
  'time.seconds': '{n} 秒',
  'time.minutes': '{n} 分钟',
};

const storageKey = 'chatclean.lang';

export type Lang = 'en' | 'zh';

export function currentLang(): Lang {
  const chosen = localStorage.getItem(storageKey);
  if (chosen === 'en' || chosen === 'zh') {
    return chosen;
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: Key, values: Record<string, string | number> = {}, lang: Lang = currentLang()): string {
  const text = (lang === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** What the console says for an error code it knows, in the chosen language; else the server's own sentence. */
const errors: Record<string, { en: string; zh: string }> = {
  'auth.invalid_credentials': { en: 'The username or password is wrong.', zh: '用户名或密码错误。' },
  'auth.account_disabled': { en: 'This account is disabled.', zh: '该账号已停用。' },
  'user.username_taken': { en: 'That username is taken.', zh: '该用户名已被使用。' },
  'user.username_invalid': { en: 'Usernames are 3–64 letters, digits, ".", "_", "-" or "@".', zh: '用户名为 3–64 位字母、数字或 . _ - @。' },
  rate_limited: { en: 'Too many tries: wait a moment.', zh: '操作过于频繁，请稍后再试。' },
  'conversation.closed': { en: 'The conversation has ended.', zh: '会话已结束。' },
  'conversation.already_taken': { en: 'Another agent took this conversation first.', zh: '该会话已被其他客服接入。' },
  'realtime.not_connected': { en: 'Not connected: try again in a moment.', zh: '尚未连接，请稍后再试。' },
  'realtime.disconnected': { en: 'The connection was lost: if it did not go through, send it again.', zh: '连接已断开：如未成功，请重新发送。' },
};

export function errorText(code: string, fallback: string, lang: Lang = currentLang()): string {
  return errors[code]?.[lang] ?? fallback;
}

export function duration(seconds: number, lang: Lang = currentLang()): string {
  if (seconds < 10) {
    return t('time.seconds', { n: (Math.round(seconds * 10) / 10).toString() }, lang);
  }
  return seconds < 90 ? t('time.seconds', { n: Math.round(seconds) }, lang) : t('time.minutes', { n: Math.round(seconds / 60) }, lang);
}
