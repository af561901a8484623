/** Money as a type: integer minor units + ISO 4217 currency, fee maths, validation and formatting. */
export { CURRENCY_CODES, CURRENCY_EXPONENTS, chargeStep, currencyExponent, isSupportedCurrency, MAX_AMOUNT_MINOR_UNITS, type CurrencyCode } from './currencies'
export { add, amountProblem, basisPoints, money, platformFee, subtract, sum, times, type Money } from './money'
export { formatMoney, parseAmount } from './format'
export { currencyInput, currencyOutput, MINOR_UNITS_NOTE, minorUnits, minorUnitsInput } from './money.schemas'
