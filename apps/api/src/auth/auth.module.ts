import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { TokensModule } from '../tokens/tokens.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';

@Module({
  imports: [
    UsersModule,
    TokensModule,
    JwtModule.registerAsync({
      global: true,
      inject: [BASTION_CONFIG],
      useFactory: (c: BastionConfig) => ({
        secret: c.auth.jwtSecret,
        signOptions: { expiresIn: c.auth.tokenTtl as `${number}h` },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
