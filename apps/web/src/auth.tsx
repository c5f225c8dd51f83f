import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, forgetStoredToken, SESSION_EXPIRED, setMemoryToken, type User } from './api';

interface Auth {
  user: User | null;
  /** True while the session cookie is being checked, before the first page is shown. */
  checking: boolean;
  /** Set when the session ended on its own (token expired), to tell the user on the sign-in page. */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/**
 * The signed-in user. The session itself is the API's HttpOnly cookie: on load the app asks
 * GET /auth/me who that is; sign-out asks the API to clear it.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const [expired, setExpired] = useState(false);
  const signedIn = useRef(false);

  const become = useCallback((u: User | null) => {
    signedIn.current = u !== null;
    setUser(u);
  }, []);

  useEffect(() => {
    forgetStoredToken();
    const ctl = new AbortController();
    api.me(ctl.signal).then(
      (u) => {
        become(u);
        setChecking(false);
      },
      (e) => {
        if (ctl.signal.aborted) return;
        // 401: nobody is signed in. Anything else (server down) also lands on the sign-in page,
        // which then explains the failure when the user tries.
        if (!(e instanceof ApiError)) console.warn('session check failed', e);
        setChecking(false);
      },
    );
    return () => ctl.abort();
  }, [become]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const r = await api.login(email, password);
      setMemoryToken(null);
      // The cookie is the session; if the browser did not keep it (a Secure cookie over plain
      // HTTP), the token is held in memory instead so the app still works until the page closes.
      try {
        await api.me();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) setMemoryToken(r.accessToken);
        else throw e;
      }
      setExpired(false);
      become(r.user);
    },
    [become],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      /* the cookie goes when it expires; the app forgets the user either way */
    }
    setMemoryToken(null);
    become(null);
  }, [become]);

  useEffect(() => {
    const onExpired = () => {
      if (!signedIn.current) return;
      setMemoryToken(null);
      become(null);
      setExpired(true);
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [become]);

  const value = useMemo(
    () => ({ user, checking, expired, signIn, signOut }),
    [user, checking, expired, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('not signed in');
  return user;
}

export const isStaff = (u: User | null) => u?.role === 'admin' || u?.role === 'instructor';
