import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { Observable } from 'rxjs';
import { ProgressEvent, REDIS, submissionChannel } from '@bastion/db';

type Listener = (event: ProgressEvent) => void;

/**
 * Live progress of submissions from Redis pub/sub. One subscriber connection per API process,
 * shared by every open stream; a channel is subscribed while someone listens to it.
 */
@Injectable()
export class SubmissionEventsService implements OnModuleDestroy {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Events of one submission, from the moment of subscription on. */
  events(id: string): Observable<ProgressEvent> {
    return new Observable<ProgressEvent>((sub) => {
      const channel = submissionChannel(id);
      const listener: Listener = (e) => sub.next(e);
      const set = this.listeners.get(channel) ?? new Set();
      set.add(listener);
      this.listeners.set(channel, set);
      if (set.size === 1)
        this.connection()
          .subscribe(channel)
          .catch((err: Error) => sub.error(err));
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          this.listeners.delete(channel);
          this.connection()
            .unsubscribe(channel)
            .catch(() => undefined);
        }
      };
    });
  }

  private connection(): Redis {
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('message', (channel: string, message: string) => {
        let event: ProgressEvent;
        try {
          event = JSON.parse(message) as ProgressEvent;
        } catch {
          return;
        }
        for (const l of this.listeners.get(channel) ?? []) l(event);
      });
    }
    return this.subscriber;
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
  }
}
