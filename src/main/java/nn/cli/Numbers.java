package nn.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as a command line types them: the digits 0-9 only (Java would take some digits of other scripts in
 * whole numbers but not in decimals), a decimal point, an exponent; each value that Java cannot hold is named
 * for what it is (too large, too small) instead of "not a number".
 */
final class Numbers {
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  private Numbers() {}

  /** A whole number in {@code min..max}; {@code what} names the value in messages ("--epochs"). */
  static long whole(String what, String typed, long min, long max, String meaning) throws UsageException {
    String v = typed.strip();
    foreignDigits(what, typed);
    if (!WHOLE.matcher(v).matches()) {
      String hint = "";
      if (v.matches("[0-9]{1,3}([,_' ][0-9]{3})+")) {
        hint = "; write it without separators: " + v.replaceAll("[,_' ]", "");
      } else if (DECIMAL.matcher(v).matches() && new BigDecimal(v).stripTrailingZeros().scale() <= 0) {
        hint = "; write it as a whole number: " + new BigDecimal(v).toBigInteger();
      }
      throw new UsageException(what + " needs a whole number, got \"" + typed + "\"" + hint);
    }
    BigInteger n = new BigInteger(v);
    if (n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new UsageException(what + " " + v + " is too large: " + meaning + " can be at most " + max);
    }
    if (n.compareTo(BigInteger.valueOf(min)) < 0) {
      throw new UsageException(what + " (" + meaning + ") must be at least " + min + ", got " + v);
    }
    return n.longValueExact();
  }

  /** A finite decimal number, checked for overflow and for underflow to 0. */
  static double decimal(String what, String typed) throws UsageException {
    String v = typed.strip();
    String word = v.toLowerCase(Locale.ROOT).replace("+", "").replace("-", "");
    if (word.equals("nan") || word.equals("infinity") || word.equals("inf")) {
      throw new UsageException(what + " needs a finite number, got \"" + typed + "\"");
    }
    foreignDigits(what, typed);
    if (!DECIMAL.matcher(v).matches()) {
      String hint = v.matches("[+-]?[0-9]+,[0-9]+") ? "; write the decimal point as a dot, e.g. "
          + v.replace(',', '.') : "";
      throw new UsageException(what + " needs a number, got \"" + typed + "\"" + hint);
    }
    double x = Double.parseDouble(v);
    if (Double.isInfinite(x)) {
      throw new UsageException(what + " " + v + " is too large: the largest number Java can hold is about "
          + "1.8E308");
    }
    if (x == 0 && new BigDecimal(v).signum() != 0) {
      throw new UsageException(what + " " + v + " is too small: it rounds to 0 (the smallest positive number "
          + "Java can hold is about 4.9E-324)");
    }
    return x;
  }

  /** Refuses digits of other scripts (Arabic-Indic, Devanagari, full-width, ...) with their name. */
  static void foreignDigits(String what, String typed) throws UsageException {
    for (int i = 0; i < typed.length(); i = typed.offsetByCodePoints(i, 1)) {
      int c = typed.codePointAt(i);
      if (Character.isDigit(c) && (c < '0' || c > '9')) {
        throw new UsageException(what + " \"" + typed + "\": write numbers with the digits 0-9 (found "
            + new String(Character.toChars(c)) + ", " + Character.getName(c) + ")");
      }
    }
  }
}
