// The cart lives in the browser. Prices here are for display: the order is priced by the catalog.
const CART = 'shop.cart';
const CHECKOUT = 'shop.checkout';

function read() {
  return JSON.parse(localStorage.getItem(CART) || '[]');
}

function write(lines) {
  localStorage.setItem(CART, JSON.stringify(lines));
  window.dispatchEvent(new Event('cart-changed'));
}

export const cart = {
  lines: read,
  count() {
    return read().reduce((sum, line) => sum + line.quantity, 0);
  },
  add(product, quantity = 1) {
    const lines = read();
    const line = lines.find(l => l.productId === product.id);
    if (line) {
      line.quantity += quantity;
    } else {
      lines.push({ productId: product.id, name: product.name, unitPrice: product.price, currency: product.currency, quantity });
    }
    write(lines);
  },
  setQuantity(productId, quantity) {
    write(read().map(l => (l.productId === productId ? { ...l, quantity } : l)).filter(l => l.quantity > 0));
  },
  remove(productId) {
    write(read().filter(l => l.productId !== productId));
  },
  clear() {
    write([]);
    sessionStorage.removeItem(CHECKOUT);
  },
  // One Idempotency-Key per cart content: a double click, or a retry after "try again", sends the
  // same key and can never make a second order; a changed cart is a new order with a new key.
  idempotencyKey() {
    const content = JSON.stringify(read().map(l => [l.productId, l.quantity]).sort());
    const saved = JSON.parse(sessionStorage.getItem(CHECKOUT) || 'null');
    if (saved && saved.content === content) return saved.key;
    const key = randomKey();
    sessionStorage.setItem(CHECKOUT, JSON.stringify({ content, key }));
    return key;
  },
  // After a final answer (placed, or refused), the next attempt is a new order.
  forgetIdempotencyKey() {
    sessionStorage.removeItem(CHECKOUT);
  },
};

// A random version-4 UUID. (crypto.randomUUID needs HTTPS; getRandomValues works on plain HTTP too.)
function randomKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
