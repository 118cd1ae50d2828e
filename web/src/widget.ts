// The customer widget on another site, with one tag: <script src="https://chat.example.com/chat/widget.js" defer></script>.
// It adds a button that opens the widget (/chat) in a frame from the service's own origin, so the host page never
// sees the customer's token; the service must list the host page's origin in Console:EmbedOrigins.

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const origin = script ? new URL(script.src).origin : location.origin;
  const label = document.documentElement.lang.toLowerCase().startsWith('zh') ? '在线客服' : 'Chat with us';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  Object.assign(button.style, { position: 'fixed', right: '1rem', bottom: '1rem', zIndex: '2147483647', padding: '0.7rem 1rem', borderRadius: '2rem', border: 'none', background: '#0b5fff', color: '#fff', font: 'inherit', cursor: 'pointer' });
  let frame: HTMLIFrameElement | null = null;
  button.addEventListener('click', () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = `${origin}/chat`;
      frame.title = label;
      Object.assign(frame.style, { position: 'fixed', right: '1rem', bottom: '4.5rem', width: 'min(26rem, calc(100vw - 2rem))', height: 'min(40rem, calc(100vh - 6rem))', border: '1px solid #d9dee4', borderRadius: '0.6rem', background: '#fff', zIndex: '2147483647' });
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.appendChild(button);
})();
