/** Writes school certificates, vocational and university diplomas, and student cards. */
import { type EducationLevel, educationLevels, specialties, universities, vocationalTrades } from './data/education.ts'
import { addDays, nextNumber, type PopulationContext, scramble } from './population-context.ts'
import { ageOf, type Resident } from './resident.ts'

function university(ctx: PopulationContext, resident: Resident): string {
  const near = universities.filter((u) => u.region === resident.home.region?.code)
  return (near.length > 0 && ctx.random.chance(0.6) ? ctx.random.pick(near) : ctx.random.pick(universities)).name
}

function town(resident: Resident): string {
  const place = resident.birthPlace
  return place.locality_type ? `${place.locality_type} ${place.locality}` : place.locality
}

function diploma(
  ctx: PopulationContext,
  resident: Resident,
  options: {
    level: EducationLevel
    year: number
    institution: string
    specialty: string | null
    qualification: string | null
  },
): void {
  const issued = `${options.year}-06-${String(ctx.random.int(20, 30))}`
  if (issued >= ctx.asOf) return
  const n = nextNumber(ctx, 'diploma')
  const yy = String(options.year % 100).padStart(2, '0')
  const series: Record<EducationLevel, string> = {
    secondary: 'НР',
    vocational: 'НК',
    bachelor: options.year >= 2015 ? `B${yy}` : 'ВА',
    master: options.year >= 2015 ? `M${yy}` : 'ВМ',
    doctor: options.year >= 2015 ? `D${yy}` : 'ДК',
  }
  ctx.rows.diplomas.push({
    id: `diploma-${n}`,
    citizen_id: resident.id,
    level: options.level,
    document_number: `${series[options.level]} ${scramble(n, options.level === 'secondary' ? 8 : 6, 'diploma')}`,
    institution: options.institution,
    specialty: options.specialty,
    qualification: options.qualification,
    graduation_year: options.year,
    issued_on: issued,
    honours: ctx.random.chance(options.level === 'secondary' ? 0.08 : 0.12) ? 1 : 0,
  })
}

/** Decides who is a student now (17 to 22), before anything that depends on it is written. */
export function decideStudent(ctx: PopulationContext, resident: Resident): void {
  const age = ageOf(ctx, resident)
  resident.student = resident.nationality === 'UA' && age >= 17 && age <= 22 && ctx.random.chance(0.55)
}

export function writeEducation(ctx: PopulationContext, resident: Resident): void {
  if (resident.nationality !== 'UA') return
  const age = ageOf(ctx, resident)
  const born = Number(resident.birthDate.slice(0, 4))
  if (age >= 17 && age <= 45) {
    const school = ctx.random.chance(0.7) ? `Ліцей № ${ctx.random.int(1, 60)}` : `Гімназія № ${ctx.random.int(1, 30)}`
    diploma(ctx, resident, {
      level: 'secondary',
      year: born + 17,
      institution: `${school}, ${town(resident)}`,
      specialty: null,
      qualification: educationLevels.secondary,
    })
  }
  if (resident.student) {
    const specialty = ctx.random.pick(specialties)
    const asOfYear = Number(ctx.asOf.slice(0, 4))
    const entered = Math.max(born + 17, asOfYear - ctx.random.int(0, 3))
    let graduation = entered + 4
    if (`${graduation}-06-30` < addDays(ctx.asOf, 180)) graduation += 1
    const n = nextNumber(ctx, 'student')
    ctx.rows.student_ids.push({
      id: `student-${n}`,
      citizen_id: resident.id,
      number: `КВ ${scramble(n, 8, 'student')}`,
      institution: university(ctx, resident),
      faculty: specialty.faculty,
      specialty: `${specialty.code} ${specialty.name}`,
      study_form: ctx.random.chance(0.85) ? 'денна' : 'заочна',
      issued_on: `${entered}-09-01` < ctx.asOf ? `${entered}-09-01` : addDays(ctx.asOf, -1),
      expires_on: `${graduation}-06-30`,
    })
    return
  }
  if (age >= 19 && age <= 60 && ctx.random.chance(0.15)) {
    diploma(ctx, resident, {
      level: 'vocational',
      year: born + 19,
      institution: `Професійний ліцей № ${ctx.random.int(1, 40)}, ${town(resident)}`,
      specialty: null,
      qualification: ctx.random.pick(vocationalTrades),
    })
    return
  }
  if (age < 22 || age > 65 || !ctx.random.chance(0.45)) return
  const specialty = ctx.random.pick(specialties)
  const institution = university(ctx, resident)
  const named = `${specialty.code} ${specialty.name}`
  diploma(ctx, resident, {
    level: 'bachelor',
    year: born + 21,
    institution,
    specialty: named,
    qualification: `${educationLevels.bachelor}, ${named}`,
  })
  if (age < 23 || !ctx.random.chance(0.5)) return
  diploma(ctx, resident, {
    level: 'master',
    year: born + 23,
    institution,
    specialty: named,
    qualification: `${educationLevels.master}, ${named}`,
  })
  if (age >= 28 && ctx.random.chance(0.05)) {
    diploma(ctx, resident, {
      level: 'doctor',
      year: born + 27,
      institution,
      specialty: named,
      qualification: `${educationLevels.doctor}, ${named}`,
    })
  }
}
