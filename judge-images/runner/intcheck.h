/* bastion integer checks: forced (-include) into the C/C++ sanitizer build's rewritten copy of a
 * submission (libs/security/src/integer-checks.ts writes the calls). Each macro evaluates its
 * operand once, checks the value at run time, and on a bad one reports like UBSan and ends the run
 * (__bastion_int_fault, replay.c):
 *   __BASTION_NARROW(T, x)   the cast (T)x, reported when it changes the value (T narrower than x)
 *   __BASTION_FIT(T, k, x)   x, reported when it does not fit in T (k: 2 arithmetic, 3 a value)
 *   __BASTION_STEP(x, s, k)  the statement s (x++, --x, …), reported when x wrapped (k: 4 up, 5 down)
 *   __BASTION_USUB(a, b)     a - b, reported when it is unsigned and b > a (it wrapped below zero)
 * Only integer (and enum) operands are checked: a float's cast to int drops its fraction by design,
 * a pointer's is not arithmetic. */
#ifndef BASTION_INTCHECK_H
#define BASTION_INTCHECK_H

#ifdef __cplusplus
#include <type_traits>
extern "C" {
#endif
void __bastion_int_fault(const char *file, int line, int kind, int is_signed, long long value,
                         unsigned long long uvalue, long long stored, const char *what)
    __attribute__((noreturn, no_instrument_function));
#ifdef __cplusplus
}

template <class T, class V>
__attribute__((always_inline)) inline T __bastion_narrow(V &&v, int kind, const char *file, int line, const char *what) {
  using D = typename std::decay<V>::type;
  T t = (T)v;
  if constexpr (std::is_integral<D>::value || std::is_enum<D>::value) {
    if (sizeof(T) < sizeof(D) && (D)t != v)
      __bastion_int_fault(file, line, kind, (D)-1 < (D)0, (long long)v, (unsigned long long)v, (long long)t, what);
  }
  return t;
}
template <class T, class V>
__attribute__((always_inline)) inline typename std::decay<V>::type __bastion_fit(V &&v, int kind, const char *file, int line, const char *what) {
  using D = typename std::decay<V>::type;
  if constexpr (std::is_integral<D>::value || std::is_enum<D>::value) {
    T t = (T)v;
    if (sizeof(T) < sizeof(D) && (D)t != v)
      __bastion_int_fault(file, line, kind, (D)-1 < (D)0, (long long)v, (unsigned long long)v, (long long)t, what);
  }
  return v;
}
template <class V>
__attribute__((always_inline)) inline void __bastion_stepped(const V &before, const V &after, int kind, const char *file, int line, const char *what) {
  if constexpr (std::is_integral<V>::value) {
    if (kind == 4 ? after < before : after > before)
      __bastion_int_fault(file, line, kind, (V)-1 < (V)0, (long long)before, (unsigned long long)before, (long long)after, what);
  }
}
template <class A, class B>
__attribute__((always_inline)) inline auto __bastion_usub(A &&a, B &&b, const char *file, int line, const char *what) {
  using R = typename std::decay<decltype(a - b)>::type;
  if constexpr (std::is_integral<R>::value && std::is_unsigned<R>::value) {
    if ((R)a < (R)b)
      __bastion_int_fault(file, line, 6, 0, (long long)(R)a, (unsigned long long)(R)a, (long long)(R)b, what);
  }
  return a - b;
}
#define __BASTION_USUB(A, B) (__bastion_usub((A), (B), __FILE__, __LINE__, #A " - " #B))
#define __BASTION_NARROW(T, X) (__bastion_narrow<T>((X), 1, __FILE__, __LINE__, #T))
#define __BASTION_FIT(T, K, X) (__bastion_fit<T>((X), K, __FILE__, __LINE__, #T))
#define __BASTION_STEP(X, S, K) \
  do { auto __bastion_before = (X); S; __bastion_stepped(__bastion_before, (X), K, __FILE__, __LINE__, #X); } while (0)

#else /* C: GCC statement expressions; __builtin_classify_type 1 is an integer, 3 an enum */

#define __BASTION_INTEGER(v) (__builtin_classify_type(v) == 1 || __builtin_classify_type(v) == 3)
#define __BASTION_NARROW(T, X) (__extension__({ \
  __auto_type __bastion_v = (X); T __bastion_t = (T)__bastion_v; \
  if (__BASTION_INTEGER(__bastion_v) && sizeof(T) < sizeof(__bastion_v) && \
      (__typeof__(__bastion_v))__bastion_t != __bastion_v) \
    __bastion_int_fault(__FILE__, __LINE__, 1, (__typeof__(__bastion_v))-1 < 0, (long long)__bastion_v, \
                        (unsigned long long)__bastion_v, (long long)__bastion_t, #T); \
  __bastion_t; }))
#define __BASTION_FIT(T, K, X) (__extension__({ \
  __auto_type __bastion_v = (X); \
  if (__BASTION_INTEGER(__bastion_v) && sizeof(T) < sizeof(__bastion_v) && \
      (__typeof__(__bastion_v))(T)__bastion_v != __bastion_v) \
    __bastion_int_fault(__FILE__, __LINE__, K, (__typeof__(__bastion_v))-1 < 0, (long long)__bastion_v, \
                        (unsigned long long)__bastion_v, (long long)(T)__bastion_v, #T); \
  __bastion_v; }))
#define __BASTION_USUB(A, B) (__extension__({ \
  __auto_type __bastion_a = (A); __auto_type __bastion_b = (B); \
  if (__BASTION_INTEGER(__bastion_a - __bastion_b) && (__typeof__(__bastion_a - __bastion_b))-1 > 0 && \
      (__typeof__(__bastion_a - __bastion_b))__bastion_a < (__typeof__(__bastion_a - __bastion_b))__bastion_b) \
    __bastion_int_fault(__FILE__, __LINE__, 6, 0, (long long)__bastion_a, (unsigned long long)__bastion_a, \
                        (long long)__bastion_b, #A " - " #B); \
  __bastion_a - __bastion_b; }))
#define __BASTION_STEP(X, S, K) do { \
  __auto_type __bastion_before = (X); S; \
  if (__BASTION_INTEGER(__bastion_before) && ((K) == 4 ? (X) < __bastion_before : (X) > __bastion_before)) \
    __bastion_int_fault(__FILE__, __LINE__, K, (__typeof__(__bastion_before))-1 < 0, (long long)__bastion_before, \
                        (unsigned long long)__bastion_before, (long long)(X), #X); \
  } while (0)
#endif

#endif
