import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentUser, Principal } from '../common/access.decorator';
import { ApiErrors, JSON_BODY_ERRORS } from '../openapi/errors';
import { ApiContent, ApiNoContent, ApiOk, ApiPath } from '../openapi/operation';
import { arr, ref, str } from '../openapi/schema';
import { rosterFromUpload } from '../users/roster';
import { AssignmentsService } from './assignments.service';
import {
  AddMemberDto,
  CreateAssignmentDto,
  CreateCourseDto,
  JoinCourseDto,
  UpdateAssignmentDto,
  UpdateCourseDto,
} from './courses.dto';
import { CoursesService } from './courses.service';

@ApiTags('Courses')
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly assignments: AssignmentsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Access(['admin', 'instructor'])
  @ApiOperation({
    summary: 'Create a course',
    description: 'Its creator is its first instructor; it gets an enrolment code.',
  })
  @ApiOk(201, ref('Course'), 'Created')
  @ApiErrors(...JSON_BODY_ERRORS, 'BAD_TIME_ZONE')
  create(@Body() dto: CreateCourseDto, @CurrentUser() me: Principal) {
    return this.courses.create(me, dto);
  }

  @Get()
  @Access('user')
  @ApiOperation({ summary: 'My courses', description: 'The courses I am a member of (an admin: all), newest first.' })
  @ApiOk(200, arr(ref('Course')), 'My courses')
  list(@CurrentUser() me: Principal) {
    return this.courses.list(me);
  }

  @Post('join')
  @HttpCode(200)
  @Access('user', 'submit')
  @ApiOperation({
    summary: 'Join a course by its enrolment code',
    description: 'As a student; a member already keeps their course role. Case, spaces and dashes do not matter.',
  })
  @ApiOk(200, ref('Course'), 'Joined (or already a member)')
  @ApiErrors(...JSON_BODY_ERRORS, 'BAD_ENROLMENT_CODE')
  join(@Body() dto: JoinCourseDto, @CurrentUser() me: Principal) {
    return this.courses.join(me, dto.code);
  }

  @Get(':id')
  @Access('user')
  @ApiOperation({ summary: 'A course', description: 'Members only; staff also see the enrolment code.' })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, ref('Course'), 'The course')
  @ApiErrors('COURSE_NOT_FOUND')
  get(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.courses.get(me, id);
  }

  @Patch(':id')
  @Access('user')
  @ApiOperation({
    summary: 'Change a course',
    description:
      'Instructors: name, term, time zone; `enrolmentCode: true` makes a new code, `false` turns joining by code off.',
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, ref('Course'), 'Changed')
  @ApiErrors(...JSON_BODY_ERRORS, 'COURSE_NOT_FOUND', 'FORBIDDEN', 'BAD_TIME_ZONE')
  update(@Param('id') id: string, @Body() dto: UpdateCourseDto, @CurrentUser() me: Principal) {
    return this.courses.update(me, id, dto);
  }

  @Get(':id/members')
  @Access('user')
  @ApiOperation({ summary: 'Members of a course', description: 'Staff only: instructors, assistants and students.' })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, arr(ref('CourseMember')), 'By role, then email')
  @ApiErrors('COURSE_NOT_FOUND', 'FORBIDDEN')
  members(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.courses.memberList(me, id);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Access('user')
  @ApiOperation({
    summary: 'Add a member',
    description: 'Instructors add an existing account (or change its course role): instructor, assistant or student.',
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, ref('CourseMember'), 'Added')
  @ApiErrors(...JSON_BODY_ERRORS, 'COURSE_NOT_FOUND', 'FORBIDDEN', 'USER_NOT_FOUND')
  addMember(@Param('id') id: string, @Body() dto: AddMemberDto, @CurrentUser() me: Principal) {
    return this.courses.addMember(me, id, dto.email, dto.role);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Access('user')
  @ApiOperation({ summary: 'Remove a member', description: 'Instructors; their submissions stay.' })
  @ApiPath(['id', 'courseId'], 'userId')
  @ApiNoContent('Removed')
  @ApiErrors('COURSE_NOT_FOUND', 'FORBIDDEN', 'USER_NOT_FOUND', 'CANNOT_REMOVE_SELF')
  async removeMember(@Param('id') id: string, @Param('userId') userId: string, @CurrentUser() me: Principal) {
    await this.courses.removeMember(me, id, userId);
  }

  @Post(':id/roster')
  @HttpCode(200)
  @Access('user')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * 1024 * 1024, files: 1 } }))
  @ApiOperation({
    summary: 'Import a roster into a course (CSV)',
    description:
      'Instructors. A CSV whose header names `email` and `name` (optionally `password`): accounts that do not exist ' +
      'are created as students (generated passwords in this answer only), and every listed account is enrolled as ' +
      'a student; members already there keep their course role. At most 2 MiB.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'e.g. `email,name\\nkim@example.edu,Kim Lee`' },
      },
    },
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, ref('CourseRosterImport'), 'Accounts created, enrolled, and rows skipped with the reason')
  @ApiErrors(
    ['FILE_REQUIRED', 'Send the roster CSV as the multipart field "file"'],
    'BAD_ROSTER',
    'BAD_REQUEST',
    ['PAYLOAD_TOO_LARGE', 'File too large'],
    'COURSE_NOT_FOUND',
    'FORBIDDEN',
  )
  importRoster(
    @Param('id') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() me: Principal,
  ) {
    const entries = rosterFromUpload(file);
    return this.courses.importRoster(me, id, entries);
  }

  @Post(':id/assignments')
  @HttpCode(201)
  @Access('user')
  @ApiOperation({
    summary: 'Create an assignment',
    description:
      'Instructors: problems (by slug) with points, an opening and a deadline (ISO 8601 instants, inclusive), a late ' +
      'policy, an attempt limit, best or last submission counting, an optional scoreboard.',
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(201, ref('Assignment'), 'Created')
  @ApiErrors(...JSON_BODY_ERRORS, 'COURSE_NOT_FOUND', 'FORBIDDEN', 'BAD_SCHEDULE', 'PROBLEM_NOT_FOUND')
  createAssignment(@Param('id') id: string, @Body() dto: CreateAssignmentDto, @CurrentUser() me: Principal) {
    return this.assignments.create(me, id, dto);
  }

  @Get(':id/gradebook')
  @Access('user')
  @ApiOperation({
    summary: "A course's gradebook",
    description: "Staff: each student's points in every assignment (by deadline) and in all.",
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, ref('CourseGradebook'), 'Every enrolled student, by email')
  @ApiErrors('COURSE_NOT_FOUND', 'FORBIDDEN')
  gradebook(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.courseGradebook(me, id);
  }

  @Get(':id/gradebook.csv')
  @Access('user')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: "A course's gradebook as CSV",
    description:
      "Staff. The columns Canvas's grade import matches students by and Moodle's Email address, one column per " +
      'assignment, then the total; every field quoted, formulas defused.',
  })
  @ApiPath(['id', 'courseId'])
  @ApiContent(
    200,
    'text/csv',
    str(),
    'The gradebook',
    '"Student","ID","SIS User ID","SIS Login ID","Section","Email address","Lab 3 (10)","Total (10)"\r\n"Kim Lee","","","kim@example.edu","","kim@example.edu","9","9"\r\n',
  )
  @ApiErrors('COURSE_NOT_FOUND', 'FORBIDDEN')
  gradebookCsv(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.courseGradebookCsv(me, id);
  }

  @Get(':id/assignments')
  @Access('user')
  @ApiOperation({
    summary: "A course's assignments",
    description: 'Members, by deadline; students see an assignment not yet open without its problems.',
  })
  @ApiPath(['id', 'courseId'])
  @ApiOk(200, arr(ref('Assignment')), 'By deadline')
  @ApiErrors('COURSE_NOT_FOUND')
  listAssignments(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.list(me, id);
  }
}

@ApiTags('Courses')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get(':id')
  @Access('user')
  @ApiOperation({
    summary: 'An assignment',
    description: "Members; a student's answer holds their own standing per problem (`mine`).",
  })
  @ApiPath(['id', 'assignmentId'])
  @ApiOk(200, ref('Assignment'), 'The assignment')
  @ApiErrors('ASSIGNMENT_NOT_FOUND')
  get(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.get(me, id);
  }

  @Patch(':id')
  @Access('user')
  @ApiOperation({
    summary: 'Change an assignment',
    description: 'Instructors: its schedule, late policy, counting or scoreboard (show it to students with `shown`).',
  })
  @ApiPath(['id', 'assignmentId'])
  @ApiOk(200, ref('Assignment'), 'Changed')
  @ApiErrors(...JSON_BODY_ERRORS, 'ASSIGNMENT_NOT_FOUND', 'FORBIDDEN', 'BAD_SCHEDULE')
  update(@Param('id') id: string, @Body() dto: UpdateAssignmentDto, @CurrentUser() me: Principal) {
    return this.assignments.update(me, id, dto);
  }

  @Get(':id/gradebook')
  @Access('user')
  @ApiOperation({
    summary: "An assignment's gradebook",
    description:
      "Staff: each student's counted submission per problem (best or last), its score and late penalty, the points earned and the total.",
  })
  @ApiPath(['id', 'assignmentId'])
  @ApiOk(200, ref('Gradebook'), 'Every enrolled student, by email')
  @ApiErrors('ASSIGNMENT_NOT_FOUND', 'FORBIDDEN')
  gradebook(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.gradebook(me, id);
  }

  @Get(':id/gradebook.csv')
  @Access('user')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({
    summary: "An assignment's gradebook as CSV",
    description:
      "Staff. Columns Canvas's grade import reads (Student, ID, SIS User ID, SIS Login ID, Section) and Moodle's " +
      'matches by (Email address), the points per problem, then the total; every field quoted, formulas defused. ' +
      'Canvas treats each column it does not know as an assignment: delete the per-problem columns to import the total only.',
  })
  @ApiPath(['id', 'assignmentId'])
  @ApiContent(
    200,
    'text/csv',
    str(),
    'The gradebook',
    '"Student","ID","SIS User ID","SIS Login ID","Section","Email address","greeting (10)","Lab 3 (10)"\r\n"Kim Lee","","","kim@example.edu","","kim@example.edu","9","9"\r\n',
  )
  @ApiErrors('ASSIGNMENT_NOT_FOUND', 'FORBIDDEN')
  gradebookCsv(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.gradebookCsv(me, id);
  }

  @Get(':id/students/:userId')
  @Access('user')
  @ApiOperation({
    summary: "One student's results in an assignment",
    description: 'Staff, or the student themself: per problem the counted submission, its late penalty and points.',
  })
  @ApiPath(['id', 'assignmentId'], 'userId')
  @ApiOk(200, ref('StudentGrades'), 'The student and their results')
  @ApiErrors('ASSIGNMENT_NOT_FOUND', 'USER_NOT_FOUND')
  student(@Param('id') id: string, @Param('userId') userId: string, @CurrentUser() me: Principal) {
    return this.assignments.student(me, id, userId);
  }

  @Get(':id/scoreboard')
  @Access('user')
  @ApiOperation({
    summary: "An assignment's scoreboard",
    description:
      'Staff always, students once it is `shown`. ICPC style (solved, then penalty minutes: minutes from the opening to ' +
      'each first accepted submission plus 20 per rejected one before it), or by the sum of best scores when a problem is scored.',
  })
  @ApiPath(['id', 'assignmentId'])
  @ApiOk(200, ref('Scoreboard'), 'Ranked')
  @ApiErrors('ASSIGNMENT_NOT_FOUND', 'SCOREBOARD_NOT_SHOWN')
  scoreboard(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.assignments.scoreboard(me, id);
  }
}
