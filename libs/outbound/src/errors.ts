/** Why a URL is not fetched at all: its shape, its host not resolving, or an address that is not public. */
export type RefusalKind = 'bad-url' | 'scheme' | 'userinfo' | 'unresolvable' | 'not-public';

/** The URL may not be called; nothing was sent. The message is fit for the person who gave the URL. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** The address's class for 'not-public' (loopback, private, ...). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** How a request that was allowed went wrong. */
export type FailureKind = 'connect' | 'timeout' | 'tls' | 'protocol';

/**
 * The request was sent (or a connection tried) and failed. The message is coarse on purpose; the
 * underlying error, with addresses and ports, is `cause`, for logs only.
 */
export class OutboundFailed extends Error {
  override readonly name = 'OutboundFailed';
  constructor(
    readonly kind: FailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
