// The signed-in customer's token, kept for this browser tab only.
const KEY = 'shop.session';

export const session = {
  token() {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (!saved) return null;
    if (Date.now() > saved.expiresAt) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return saved.token;
  },
  start(token, expiresInSeconds, email) {
    sessionStorage.setItem(KEY, JSON.stringify({ token, email, expiresAt: Date.now() + expiresInSeconds * 1000 }));
  },
  email() {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null')?.email;
  },
  end() {
    sessionStorage.removeItem(KEY);
  },
};
