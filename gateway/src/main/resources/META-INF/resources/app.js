// The storefront: a few pages over the shop's API, routed by the URL's #fragment.
import { api, explain, newPage } from './js/api.js';
import { session } from './js/session.js';
import { cart } from './js/cart.js';

const main = document.getElementById('main');
const PAGE_SIZE = 12;

// ---- helpers -------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value != null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function money(amount, currency) {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'EUR' }).format(amount);
}

function say(text, kind = 'ok') {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

// Goes to another page and tells the customer something there.
let flash = null;
function navigate(hash, text, kind = 'ok') {
  flash = text ? { text, kind } : null;
  if (location.hash === hash) {
    showFlash();
    route();
  } else {
    location.hash = hash;
  }
}

function showFlash() {
  say(flash ? flash.text : '', flash ? flash.kind : 'ok');
  flash = null;
}

function show(title, ...content) {
  document.title = `${title} · Shop`;
  main.replaceChildren(el('h1', {}, title), ...content.flat().filter(node => node != null));
  // Keyboard and screen-reader users land on the new page's content.
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function fail(error) {
  if (error.status === 401 && session.token()) {
    session.end();
    updateNav();
    navigate('#/login', explain(error), 'error');
  } else {
    say(explain(error), 'error');
  }
}

function updateNav() {
  const signedIn = !!session.token();
  document.getElementById('nav-orders').hidden = !signedIn;
  document.getElementById('nav-logout').hidden = !signedIn;
  document.getElementById('nav-login').hidden = signedIn;
  document.getElementById('nav-register').hidden = signedIn;
  const count = cart.count();
  document.getElementById('nav-cart').textContent = count ? `Cart (${count})` : 'Cart';
  const here = (location.hash || '#/').split('?')[0];
  for (const link of document.querySelectorAll('nav a')) {
    if (link.getAttribute('href') === here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// ---- pages ---------------------------------------------------------------------------------

async function productsPage(params) {
  const query = new URLSearchParams({ page: params.get('page') || '0', size: PAGE_SIZE });
  for (const name of ['q', 'category', 'sort']) {
    if (params.get(name)) query.set(name, params.get(name));
  }
  const [categories, products] = await Promise.all([
    api('GET', '/api/categories'),
    api('GET', `/api/products?${query}`),
  ]);
  const filters = el('form', { class: 'filters', role: 'search', onsubmit: event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const next = new URLSearchParams();
    for (const [name, value] of form) if (value) next.set(name, value);
    location.hash = `#/?${next}`;
  } },
    el('label', {}, 'Search', el('input', { name: 'q', type: 'search', value: params.get('q') || '' })),
    el('label', {}, 'Category', el('select', { name: 'category' },
      el('option', { value: '' }, 'All categories'),
      categories.data.map(c => el('option', { value: c.slug, selected: c.slug === params.get('category') }, c.name)))),
    el('label', {}, 'Sort by', el('select', { name: 'sort' },
      [['name', 'Name'], ['price', 'Price, lowest first'], ['-price', 'Price, highest first']]
        .map(([value, label]) => el('option', { value, selected: value === (params.get('sort') || 'name') }, label)))),
    el('button', { class: 'primary', type: 'submit' }, 'Show'));

  const page = products.data;
  const grid = el('ul', { class: 'grid' }, page.items.map(p => el('li', { class: 'card' },
    el('h2', {}, el('a', { href: `#/product/${p.id}` }, p.name)),
    el('p', { class: 'description' }, p.description),
    el('span', { class: 'price' }, money(p.price, p.currency)),
    el('span', { class: p.stock ? 'stock' : 'stock none' }, p.stock ? `${p.stock} in stock` : 'Out of stock'),
    el('button', { class: 'secondary', type: 'button', disabled: p.stock === 0, 'aria-label': `Add ${p.name} to cart`,
      onclick: () => { cart.add(p); say(`${p.name} is in your cart.`); } }, 'Add to cart'))));
  const goTo = number => { params.set('page', number); location.hash = `#/?${params}`; };
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' },
    el('button', { class: 'secondary', type: 'button', disabled: page.page === 0, onclick: () => goTo(page.page - 1) }, 'Previous'),
    el('span', {}, `Page ${page.page + 1} of ${Math.max(page.totalPages, 1)}`),
    el('button', { class: 'secondary', type: 'button', disabled: page.page + 1 >= page.totalPages, onclick: () => goTo(page.page + 1) }, 'Next'));
  show('Products', filters, page.items.length ? grid : el('p', {}, 'No product matches.'), pager);
}

async function productPage(id) {
  const { data: p } = await api('GET', `/api/products/${encodeURIComponent(id)}`);
  const quantity = el('input', { name: 'quantity', type: 'number', min: 1, max: Math.max(p.stock, 1), value: 1, required: true });
  show(p.name,
    el('div', { class: 'panel' },
      el('p', {}, p.description),
      el('p', { class: 'price' }, money(p.price, p.currency)),
      el('p', { class: p.stock ? 'stock' : 'stock none', id: 'product-stock' }, p.stock ? `${p.stock} in stock` : 'Out of stock'),
      el('form', { onsubmit: event => {
        event.preventDefault();
        cart.add(p, Number(quantity.value));
        say(`${quantity.value} × ${p.name} in your cart.`);
      } },
        el('label', {}, 'Quantity', quantity),
        el('button', { class: 'primary', type: 'submit', disabled: p.stock === 0 }, 'Add to cart'))),
    el('p', {}, el('a', { href: '#/' }, '← All products')));
}

function cartPage() {
  const lines = cart.lines();
  if (!lines.length) {
    show('Your cart', el('p', {}, 'Your cart is empty. ', el('a', { href: '#/' }, 'Browse the products.')));
    return;
  }
  const currency = lines[0].currency;
  const total = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const checkout = el('button', { class: 'primary', type: 'button', id: 'checkout', onclick: () => placeOrder(checkout) }, 'Place order');
  show('Your cart',
    el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Product'), el('th', { class: 'number' }, 'Price'),
        el('th', {}, 'Quantity'), el('th', {}, ''))),
      el('tbody', {}, lines.map(l => el('tr', {},
        el('td', {}, l.name),
        el('td', { class: 'number' }, money(l.unitPrice, l.currency)),
        el('td', {}, el('label', {}, `Quantity of ${l.name}`,
          el('input', { type: 'number', min: 0, max: 100, value: l.quantity,
            onchange: event => { cart.setQuantity(l.productId, Number(event.target.value)); cartPage(); } }))),
        el('td', {}, el('button', { class: 'link', type: 'button', 'aria-label': `Remove ${l.name}`,
          onclick: () => { cart.remove(l.productId); cartPage(); } }, 'Remove')))))),
    el('p', { class: 'actions' }, el('span', {}, 'Estimated total: ', el('strong', {}, money(total, currency))),
      session.token() ? checkout : el('a', { href: '#/login' }, 'Log in to place your order')),
    el('p', { class: 'stock' }, 'Prices are confirmed by the catalog when you place the order.'));
}

async function placeOrder(button) {
  button.disabled = true;
  try {
    const items = cart.lines().map(l => ({ productId: l.productId, quantity: l.quantity }));
    const { data: order } = await api('POST', '/api/orders', {
      body: { items }, auth: true, headers: { 'Idempotency-Key': cart.idempotencyKey() },
    });
    cart.clear();
    navigate('#/orders', `Thank you! Your order of ${money(order.total, order.currency)} is confirmed.`);
  } catch (error) {
    if (error.status === 409 || error.status === 400 || error.status === 422) cart.forgetIdempotencyKey();
    fail(error);
    button.disabled = false;
  }
}

async function ordersPage(params) {
  if (!session.token()) {
    navigate('#/login', 'Please log in to see your orders.');
    return;
  }
  const page = Number(params.get('page') || 0);
  const { data } = await api('GET', `/api/orders?page=${page}&size=10`, { auth: true });
  const orders = data.items.map(o => el('article', { class: 'order', 'data-order': o.id },
    el('header', {},
      el('h2', {}, new Date(o.createdAt).toLocaleString(), ' · ',
        el('span', { class: `status status-${o.status}` }, o.status.charAt(0) + o.status.slice(1).toLowerCase()))),
    el('ul', {}, o.items.map(i => el('li', {}, `${i.quantity} × ${i.name || `product ${i.productId}`}`,
      i.lineTotal != null ? ` — ${money(i.lineTotal, o.currency)}` : ''))),
    o.total != null ? el('p', {}, 'Total: ', el('strong', { class: 'order-total' }, money(o.total, o.currency))) : null,
    o.status === 'CONFIRMED' ? el('button', { class: 'secondary', type: 'button',
      onclick: event => cancelOrder(o.id, event.target) }, 'Cancel order') : null));
  show('My orders', orders.length ? orders : el('p', {}, 'No orders yet.'),
    data.totalPages > 1 ? el('nav', { class: 'pager', 'aria-label': 'Pages' },
      el('a', { href: `#/orders?page=${Math.max(page - 1, 0)}` }, 'Newer'),
      el('span', {}, `Page ${page + 1} of ${data.totalPages}`),
      el('a', { href: `#/orders?page=${Math.min(page + 1, data.totalPages - 1)}` }, 'Older')) : null);
}

async function cancelOrder(id, button) {
  button.disabled = true;
  try {
    await api('POST', `/api/orders/${id}/cancel`, { auth: true });
    navigate(location.hash, 'Your order is cancelled; its items are back in stock.');
  } catch (error) {
    fail(error);
    button.disabled = false;
  }
}

function accountForm(title, fields, submitLabel, onSubmit) {
  const form = el('form', { onsubmit: async event => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      await onSubmit(Object.fromEntries(new FormData(form)));
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  } },
    fields.map(([name, label, type, extra = {}]) =>
      el('label', {}, label, el('input', { name, type, required: true, autocomplete: extra.autocomplete, minlength: extra.minlength }))),
    el('button', { class: 'primary', type: 'submit' }, submitLabel));
  show(title, el('div', { class: 'panel' }, form));
}

async function logIn(email, password) {
  const { data } = await api('POST', '/api/auth/login', { body: { email, password } });
  session.start(data.accessToken, data.expiresIn, email);
  updateNav();
}

function loginPage() {
  accountForm('Log in', [
    ['email', 'Email', 'email', { autocomplete: 'username' }],
    ['password', 'Password', 'password', { autocomplete: 'current-password' }],
  ], 'Log in', async ({ email, password }) => {
    await logIn(email, password);
    navigate(cart.count() ? '#/cart' : '#/', `Welcome back, ${email}.`);
  });
}

function registerPage() {
  accountForm('Create an account', [
    ['name', 'Name', 'text', { autocomplete: 'name' }],
    ['email', 'Email', 'email', { autocomplete: 'email' }],
    ['password', 'Password (at least 10 characters)', 'password', { autocomplete: 'new-password', minlength: 10 }],
  ], 'Create account', async ({ name, email, password }) => {
    await api('POST', '/api/users', { body: { name, email, password } });
    await logIn(email, password);
    navigate(cart.count() ? '#/cart' : '#/', `Welcome, ${name}! You are logged in.`);
  });
}

// ---- routing -------------------------------------------------------------------------------

async function route() {
  const [path, search = ''] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(search);
  newPage();
  updateNav();
  try {
    if (path === '/') await productsPage(params);
    else if (path.startsWith('/product/')) await productPage(path.slice('/product/'.length));
    else if (path === '/cart') cartPage();
    else if (path === '/orders') await ordersPage(params);
    else if (path === '/login') loginPage();
    else if (path === '/register') registerPage();
    else show('Not found', el('p', {}, el('a', { href: '#/' }, 'Back to the products.')));
  } catch (error) {
    fail(error);
  }
}

window.addEventListener('hashchange', () => { showFlash(); route(); });
window.addEventListener('cart-changed', updateNav);
document.getElementById('nav-logout').addEventListener('click', () => {
  session.end();
  updateNav();
  navigate('#/', 'You are logged out.');
});
route();
