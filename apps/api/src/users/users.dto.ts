import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@bastion/contracts';

export class CreateUserDto {
  @IsEmail() @MaxLength(320) email: string;
  @IsString() @Length(8, 200) password: string;
  @IsString() @Length(1, 200) name: string;
  @IsIn(ROLES) role: Role;
}
