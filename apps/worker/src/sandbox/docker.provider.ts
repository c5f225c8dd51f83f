import { Provider } from '@nestjs/common';
import Docker from 'dockerode';

export const DOCKER = Symbol('DOCKER');

/** The local Docker engine (DOCKER_HOST or the default socket); only the worker talks to it. */
export const DockerProvider: Provider = { provide: DOCKER, useFactory: () => new Docker() };
