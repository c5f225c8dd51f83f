import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, clearSession, loadSession, saveSession, SESSION_EXPIRED, type User } from './api';

interface Auth {
  user: User | null;
  /** Set when the session ended on its own (token expired), to tell the user on the sign-in page. */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(() => loadSession()?.user ?? null);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback(async (email: string, password: string) => {
    const r = await api.login(email, password);
    saveSession(r.accessToken, r.user);
    setExpired(false);
    setUser(r.user);
  }, []);

  const signOut = useCallback(() => {
    clearSession();
    setUser(null);
  }, []);

  useEffect(() => {
    const onExpired = () => {
      clearSession();
      setUser(null);
      setExpired(true);
    };
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, []);

  const value = useMemo(() => ({ user, expired, signIn, signOut }), [user, expired, signIn, signOut]);
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
