import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@bastion/contracts';

export class CreateUserDto {
  @ApiProperty({
    format: 'email',
    maxLength: 320,
    description: 'Stored lower-case; unique',
    example: 'kim@example.edu',
  })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 200, description: 'Stored as an argon2id hash', example: 'correct horse' })
  @IsString()
  @Length(8, 200)
  password: string;

  @ApiProperty({ minLength: 1, maxLength: 200, description: 'Display name', example: 'Kim Lee' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES, description: 'Instructors may create students only', example: 'student' })
  @IsIn(ROLES)
  role: Role;
}
