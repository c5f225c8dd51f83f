import { COURSE_ROLES } from '@bastion/db';
import { arr, dateTime, int, num, obj, oneOfValues, str, uuid } from './schema';

const COURSE_ID = '0d2b6a4e-5b1f-4c07-9a3e-2f6c1d9e8a41';
const ASSIGNMENT_ID = 'c41e7f0a-2d3b-4e8f-a1b2-3c4d5e6f7a8b';
const STUDENT_ID = '78128c06-8b94-40fc-aa4c-1e5d272fc944';
const SUBMISSION_ID = '087af0ec-768a-49e1-b4d1-f297b6e71b25';

const STATUS = ['not-tried', 'tried', 'accepted', 'accepted-vulnerable'] as const;

const standing = obj({
  problem: str("The problem's slug"),
  points: int('What the problem is worth in this assignment'),
  status: oneOfValues(STATUS, 'accepted-vulnerable: every test passed but the code was found vulnerable'),
  attempts: int('Graded submissions (practice and internal errors not counted)'),
  counted: obj(
    {
      submission: uuid(),
      submittedAt: dateTime('When the API accepted it'),
      score: num('0–100 before the late penalty; null while it is judged', { nullable: true }),
      latePenaltyPercent: num('What lateness took, decided when it was accepted'),
    },
    { nullable: true, description: 'The submission that counts (best or last); null: none yet' },
  ),
  earned: num('Points earned: points × score × (1 − penalty)'),
});

const STANDING_EXAMPLE = {
  problems: [
    {
      problem: 'greeting',
      points: 10,
      status: 'accepted',
      attempts: 2,
      counted: {
        submission: SUBMISSION_ID,
        submittedAt: '2027-03-10T02:00:00.000Z',
        score: 100,
        latePenaltyPercent: 10,
      },
      earned: 9,
    },
  ],
  total: 9,
};

const studentGrades = {
  id: uuid(),
  email: str(undefined, { format: 'email' }),
  name: str(),
  problems: arr(standing),
  total: num('Points earned in the assignment'),
};

/** Courses, their members and assignments, gradebooks and scoreboards. */
export const COURSE_SCHEMAS = {
  Course: obj(
    {
      id: uuid(),
      name: str(),
      term: str(),
      timeZone: str('IANA time zone the course runs in'),
      myRole: oneOfValues(COURSE_ROLES, "The caller's role in the course"),
      enrolmentCode: str('Staff only: what students type to join (null: joining by code is off)', { nullable: true }),
      createdAt: dateTime(),
    },
    {
      optional: ['enrolmentCode'],
      example: {
        id: COURSE_ID,
        name: 'Secure Coding Lab',
        term: '2027 Spring',
        timeZone: 'Asia/Seoul',
        myRole: 'instructor',
        enrolmentCode: 'K7QX-92MD',
        createdAt: '2027-02-20T01:00:00.000Z',
      },
    },
  ),
  CourseMember: obj(
    {
      id: uuid(),
      email: str(undefined, { format: 'email' }),
      name: str(),
      role: oneOfValues(COURSE_ROLES),
      addedAt: dateTime(),
    },
    {
      optional: ['addedAt'],
      example: {
        id: STUDENT_ID,
        email: 'kim@example.edu',
        name: 'Kim Lee',
        role: 'student',
        addedAt: '2027-02-21T03:00:00.000Z',
      },
    },
  ),
  CourseRosterImport: obj(
    {
      created: arr(
        obj(
          { email: str(), password: str('The generated password, when the row gave none (shown once)') },
          { optional: ['password'] },
        ),
      ),
      enrolled: arr(str(), 'Every account of the roster now a member'),
      skipped: arr(obj({ line: int('Line in the CSV (the header is line 1)'), email: str(), reason: str() })),
    },
    {
      example: {
        created: [{ email: 'kim@example.edu', password: 'q3Vb0x-LmT2w' }],
        enrolled: ['kim@example.edu', 'lee@example.edu'],
        skipped: [{ line: 4, email: 'not-an-address', reason: 'email must be an email address' }],
      },
    },
  ),
  Assignment: obj(
    {
      id: uuid(),
      courseId: uuid(),
      title: str(),
      description: str(),
      opensAt: dateTime(),
      closesAt: dateTime('The deadline (inclusive)'),
      latePolicy: obj(
        {
          per: oneOfValues(['day', 'hour']),
          penaltyPercent: num('Percent of the score taken per started unit'),
          cutoffAt: dateTime('Nothing counts after this', true),
        },
        { nullable: true, description: 'null: nothing counts after the deadline' },
      ),
      lastCountingAt: dateTime('The last instant a submission counts (null: no cutoff)', true),
      maxAttempts: int('Graded submissions per student and problem (null: no limit)', { nullable: true }),
      counting: oneOfValues(['best', 'last']),
      practiceAfterCutoff: { type: 'boolean' },
      scoreboard: oneOfValues(['off', 'hidden', 'shown'], 'Students see off or shown'),
      problems: arr(
        obj({ problem: str("The problem's slug"), name: str(), points: int() }),
        'Empty for students until it opens',
      ),
      mine: obj(
        { problems: arr(standing), total: num() },
        { nullable: true, description: "A student's own standing (null for staff, and before it opens)" },
      ),
    },
    {
      example: {
        id: ASSIGNMENT_ID,
        courseId: COURSE_ID,
        title: 'Lab 3: input handling',
        description: 'Read every line; trust none of it.',
        opensAt: '2027-03-01T15:00:00.000Z',
        closesAt: '2027-03-09T14:59:59.000Z',
        latePolicy: { per: 'day', penaltyPercent: 10, cutoffAt: '2027-03-12T14:59:59.000Z' },
        lastCountingAt: '2027-03-12T14:59:59.000Z',
        maxAttempts: null,
        counting: 'best',
        practiceAfterCutoff: true,
        scoreboard: 'off',
        problems: [{ problem: 'greeting', name: 'Greeting', points: 10 }],
        mine: STANDING_EXAMPLE,
      },
    },
  ),
  Gradebook: obj(
    {
      assignment: obj({ id: uuid(), title: str(), counting: oneOfValues(['best', 'last']) }),
      problems: arr(obj({ problem: str(), name: str(), points: int() })),
      totalPoints: int(),
      students: arr(obj(studentGrades)),
    },
    {
      example: {
        assignment: { id: ASSIGNMENT_ID, title: 'Lab 3: input handling', counting: 'best' },
        problems: [{ problem: 'greeting', name: 'Greeting', points: 10 }],
        totalPoints: 10,
        students: [{ id: STUDENT_ID, email: 'kim@example.edu', name: 'Kim Lee', ...STANDING_EXAMPLE }],
      },
    },
  ),
  CourseGradebook: obj(
    {
      course: obj({ id: uuid(), name: str() }),
      assignments: arr(obj({ id: uuid(), title: str(), points: int('What the assignment is worth') }), 'By deadline'),
      totalPoints: int(),
      students: arr(
        obj({
          id: uuid(),
          email: str(undefined, { format: 'email' }),
          name: str(),
          assignments: arr(num(), 'Points earned in each assignment, in the order of `assignments`'),
          total: num(),
        }),
      ),
    },
    {
      example: {
        course: { id: COURSE_ID, name: 'Secure Coding Lab' },
        assignments: [{ id: ASSIGNMENT_ID, title: 'Lab 3: input handling', points: 10 }],
        totalPoints: 10,
        students: [{ id: STUDENT_ID, email: 'kim@example.edu', name: 'Kim Lee', assignments: [9], total: 9 }],
      },
    },
  ),
  StudentGrades: obj(studentGrades, {
    example: { id: STUDENT_ID, email: 'kim@example.edu', name: 'Kim Lee', ...STANDING_EXAMPLE },
  }),
  Scoreboard: obj(
    {
      by: oneOfValues(['icpc', 'score']),
      problems: arr(str(), 'Slugs, in the assignment order'),
      rows: arr(
        obj({
          rank: int('Equal rows share a rank'),
          student: str('The student’s name'),
          solved: int(),
          penalty: int('ICPC penalty minutes'),
          score: num('Sum of best scores'),
          problems: {
            type: 'object',
            additionalProperties: obj({
              attempts: int(),
              solvedAtMinute: int('Minutes from the opening to the first accepted submission', { nullable: true }),
              best: num(),
            }),
          },
        }),
      ),
    },
    {
      example: {
        by: 'icpc',
        problems: ['greeting'],
        rows: [
          {
            rank: 1,
            student: 'Kim Lee',
            solved: 1,
            penalty: 35,
            score: 100,
            problems: { greeting: { attempts: 2, solvedAtMinute: 15, best: 100 } },
          },
        ],
      },
    },
  ),
};
