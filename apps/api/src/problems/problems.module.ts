import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { AuthoringController } from './authoring.controller';
import { AuthoringService } from './authoring.service';
import { ProblemTestsController } from './problem-tests.controller';
import { ProblemTestsService } from './problem-tests.service';
import { ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';
import { QueueModule } from '../queue.module';

@Module({
  imports: [
    QueueModule,
    MulterModule.registerAsync({
      inject: [BASTION_CONFIG],
      // Uploads go to a temporary file that the import's worker thread reads: a package held in memory
      // would be copied whole on the event loop (up to 64 MiB) by the upload and again on its way to the thread.
      useFactory: (c: BastionConfig) => ({
        storage: diskStorage({}),
        limits: { fileSize: c.limits.maxPackageBytes, files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [ProblemsController, AuthoringController, ProblemTestsController],
  providers: [ProblemsService, AuthoringService, ProblemTestsService],
  exports: [ProblemsService, AuthoringService],
})
export class ProblemsModule {}
